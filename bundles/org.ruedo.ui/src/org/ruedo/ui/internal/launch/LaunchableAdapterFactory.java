package org.ruedo.ui.internal.launch;

import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.IAdapterFactory;
import org.eclipse.debug.ui.actions.ILaunchable;
import org.ruedo.core.resources.RuedoProjects;

/**
 * Makes resources {@link ILaunchable}: the platform shows the Run As / Debug As context submenus only for
 * selections that adapt to it (the {@code org.eclipse.debug.core.launchable} test). Which shortcuts the
 * submenu then offers is decided by each shortcut's contextual enablement (ours: Ruedo projects only).
 */
public class LaunchableAdapterFactory implements IAdapterFactory {
    private static final ILaunchable LAUNCHABLE = new ILaunchable() {
    };

    @Override
    public <T> T getAdapter(Object adaptable, Class<T> adapterType) {
        if (adapterType == ILaunchable.class && adaptable instanceof IResource r && RuedoProjects.isRuedoProject(r.getProject())) {
            return adapterType.cast(LAUNCHABLE);
        }
        return null;
    }

    @Override
    public Class<?>[] getAdapterList() {
        return new Class<?>[] { ILaunchable.class };
    }
}
