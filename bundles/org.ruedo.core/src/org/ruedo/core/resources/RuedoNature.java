package org.ruedo.core.resources;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.eclipse.core.resources.ICommand;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IProjectDescription;
import org.eclipse.core.resources.IProjectNature;
import org.eclipse.core.runtime.CoreException;

/** The Ruedo unikernel project nature: installs {@link RuedoBuilder}. */
public class RuedoNature implements IProjectNature {
    /** Nature id. */
    public static final String ID = "org.ruedo.core.nature";

    private IProject project;

    @Override
    public void configure() throws CoreException {
        IProjectDescription d = project.getDescription();
        ICommand[] cmds = d.getBuildSpec();
        if (Arrays.stream(cmds).anyMatch(c -> c.getBuilderName().equals(RuedoBuilder.ID))) {
            return;
        }
        List<ICommand> list = new ArrayList<>(Arrays.asList(cmds));
        ICommand c = d.newCommand();
        c.setBuilderName(RuedoBuilder.ID);
        list.add(c);
        d.setBuildSpec(list.toArray(ICommand[]::new));
        project.setDescription(d, null);
    }

    @Override
    public void deconfigure() throws CoreException {
        IProjectDescription d = project.getDescription();
        d.setBuildSpec(Arrays.stream(d.getBuildSpec()).filter(c -> !c.getBuilderName().equals(RuedoBuilder.ID))
                .toArray(ICommand[]::new));
        project.setDescription(d, null);
    }

    @Override
    public IProject getProject() {
        return project;
    }

    @Override
    public void setProject(IProject project) {
        this.project = project;
    }
}
