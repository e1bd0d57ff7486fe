package org.ruedo.ui.internal.wizards;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.net.URI;
import java.nio.file.Path;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IProjectDescription;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.IWorkspace;
import org.eclipse.core.resources.IncrementalProjectBuilder;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.wizard.Wizard;
import org.eclipse.ui.INewWizard;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.actions.WorkspaceModifyOperation;
import org.ruedo.core.project.ProjectTemplate;
import org.ruedo.core.resources.RuedoProjects;
import org.ruedo.kernel.KernelTemplate;

/**
 * File &gt; New &gt; Unikernel Project: the project {@link ProjectTemplate} makes (as {@code ruedo new} does) with the
 * Ruedo nature; built on Finish.
 */
public class NewUnikernelProjectWizard extends Wizard implements INewWizard {
    /** The kernel tree this bundle set carries (org.ruedo.kernel), as the templates' source. */
    static final ProjectTemplate.Source TEMPLATES = new ProjectTemplate.Source() {
        @Override
        public java.util.List<String> files() {
            return KernelTemplate.files();
        }

        @Override
        public InputStream open(String relativePath) throws IOException {
            return KernelTemplate.open(relativePath);
        }
    };

    /** Wizard id. */
    public static final String ID = "org.ruedo.ui.newProjectWizard";

    private NewUnikernelProjectPage page;
    private IProject created;

    public NewUnikernelProjectWizard() {
        setWindowTitle("New Unikernel Project");
        setNeedsProgressMonitor(true);
    }

    @Override
    public void init(IWorkbench workbench, IStructuredSelection selection) {
    }

    @Override
    public void addPages() {
        page = new NewUnikernelProjectPage();
        addPage(page);
    }

    /** The project made by Finish. */
    public IProject createdProject() {
        return created;
    }

    @Override
    public boolean performFinish() {
        String name = page.projectName();
        String template = page.template();
        int cpus = page.cpus();
        URI location = page.locationUri();
        WorkspaceModifyOperation op = new WorkspaceModifyOperation() {
            @Override
            protected void execute(IProgressMonitor monitor) throws CoreException, InvocationTargetException {
                created = create(name, location, template, cpus, monitor);
            }
        };
        try {
            getContainer().run(true, true, op);
            return true;
        } catch (InvocationTargetException e) {
            Throwable t = e.getCause();
            MessageDialog.openError(getShell(), "Cannot create project", t.getMessage());
            return false;
        } catch (InterruptedException e) {
            return false;
        }
    }

    /** Creates and builds the project (also used by tests and the CLI-less API). */
    public static IProject create(String name, URI location, String template, int cpus, IProgressMonitor monitor)
            throws CoreException {
        SubMonitor sub = SubMonitor.convert(monitor, "Creating unikernel project " + name, 10);
        IWorkspace ws = ResourcesPlugin.getWorkspace();
        IProject p = ws.getRoot().getProject(name);
        IProjectDescription d = ws.newProjectDescription(name);
        d.setLocationURI(location);
        p.create(d, sub.split(1));
        p.open(sub.split(1));
        Path dir = p.getLocation().toPath();
        try {
            ProjectTemplate.create(TEMPLATES, dir, template, name, cpus);     // the same tree as `ruedo new`
        } catch (IOException e) {
            throw new CoreException(Status.error("cannot write the project files: " + e.getMessage(), e));
        }
        sub.worked(2);
        p.refreshLocal(IResource.DEPTH_INFINITE, sub.split(1));
        RuedoProjects.addNature(p, sub.split(1));
        p.build(IncrementalProjectBuilder.FULL_BUILD, sub.split(4));
        return p;
    }
}
