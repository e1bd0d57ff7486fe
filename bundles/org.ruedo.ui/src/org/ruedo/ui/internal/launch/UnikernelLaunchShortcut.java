package org.ruedo.ui.internal.launch;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IAdaptable;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationType;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.ui.DebugUITools;
import org.eclipse.debug.ui.ILaunchShortcut;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.statushandlers.StatusManager;
import org.ruedo.debug.launch.DebugLaunchKeys;
import org.ruedo.launch.LaunchConstants;

/** Run As / Debug As &gt; Unikernel on a project, its manifest or any of its files: reuses or creates a configuration. */
public class UnikernelLaunchShortcut implements ILaunchShortcut {
    @Override
    public void launch(ISelection selection, String mode) {
        if (selection instanceof IStructuredSelection s && s.getFirstElement() instanceof IAdaptable a) {
            IResource r = a.getAdapter(IResource.class);
            if (r != null) {
                launch(r.getProject(), mode);
            }
        }
    }

    @Override
    public void launch(IEditorPart editor, String mode) {
        IResource r = editor.getEditorInput().getAdapter(IResource.class);
        if (r != null) {
            launch(r.getProject(), mode);
        }
    }

    /** Launches a project's configuration (creating "&lt;project&gt;" of type Unikernel (QEMU) if there is none). */
    public void launch(IProject project, String mode) {
        try {
            DebugUITools.launch(configFor(project), mode);
        } catch (CoreException e) {
            StatusManager.getManager().handle(e.getStatus(), StatusManager.SHOW | StatusManager.LOG);
        }
    }

    /** The configuration of a project. */
    public static ILaunchConfiguration configFor(IProject project) throws CoreException {
        ILaunchManager mgr = DebugPlugin.getDefault().getLaunchManager();
        ILaunchConfigurationType type = mgr.getLaunchConfigurationType(LaunchConstants.TYPE_ID);
        for (ILaunchConfiguration c : mgr.getLaunchConfigurations(type)) {
            if (c.getAttribute(LaunchConstants.ATTR_PROJECT, "").equals(project.getName())) {
                return c;
            }
        }
        ILaunchConfigurationWorkingCopy wc = type.newInstance(null, mgr.generateLaunchConfigurationName(project.getName()));
        wc.setAttribute(LaunchConstants.ATTR_PROJECT, project.getName());
        wc.setAttribute(LaunchConstants.ATTR_BUILD_FIRST, true);
        wc.setAttribute(DebugLaunchKeys.ATTR_STOP_AT_MAIN, true);
        wc.setMappedResources(new IResource[] { project });
        return wc.doSave();
    }
}
