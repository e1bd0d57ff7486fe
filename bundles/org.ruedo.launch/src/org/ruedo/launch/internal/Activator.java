package org.ruedo.launch.internal;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** Kills every QEMU this bundle started when the bundle stops (workbench shutdown). */
public class Activator implements BundleActivator {
    @Override
    public void start(BundleContext context) {
    }

    @Override
    public void stop(BundleContext context) {
        QemuProcess.killAll();
    }
}
