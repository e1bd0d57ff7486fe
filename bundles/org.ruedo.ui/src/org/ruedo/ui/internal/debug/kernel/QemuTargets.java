package org.ruedo.ui.internal.debug.kernel;

import java.util.List;

import org.eclipse.core.runtime.IAdaptable;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.model.IDebugElement;
import org.eclipse.debug.core.model.IProcess;
import org.eclipse.debug.ui.DebugUITools;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.ruedo.launch.qmp.QemuMonitors;

/**
 * Which running QEMU the kernel views show: the launch selected in the Debug view (a vCPU, a frame, the
 * process or the launch), else the newest running Ruedo launch, Run or Debug. Plus the small table
 * helper the views share.
 */
final class QemuTargets {
    private QemuTargets() {
    }

    /** The QEMU process to read, or null when no Ruedo QEMU is running. */
    static IProcess current() {
        IAdaptable ctx = DebugUITools.getDebugContext();
        ILaunch chosen = null;
        if (ctx instanceof IDebugElement e) {
            chosen = e.getLaunch();
        } else if (ctx instanceof IProcess p) {
            chosen = p.getLaunch();
        } else if (ctx instanceof ILaunch l) {
            chosen = l;
        }
        IProcess p = qemuOf(chosen);
        if (p != null) {
            return p;
        }
        List<ILaunch> launches = List.of(DebugPlugin.getDefault().getLaunchManager().getLaunches());
        for (int i = launches.size() - 1; i >= 0; i--) {
            p = qemuOf(launches.get(i));
            if (p != null) {
                return p;
            }
        }
        return null;
    }

    private static IProcess qemuOf(ILaunch l) {
        if (l == null) {
            return null;
        }
        for (IProcess p : l.getProcesses()) {
            if (!p.isTerminated() && QemuMonitors.hasMonitor(p)) {
                return p;
            }
        }
        return null;
    }

    /** A full-selection table with header and the given column titles and widths. */
    static Table table(Composite parent, String[] titles, int[] widths) {
        Table t = new Table(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.H_SCROLL);
        t.setHeaderVisible(true);
        t.setLinesVisible(true);
        t.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        for (int i = 0; i < titles.length; i++) {
            TableColumn c = new TableColumn(t, SWT.LEFT);
            c.setText(titles[i]);
            c.setWidth(widths[i]);
        }
        return t;
    }

    static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }

    static String hex16(long v) {
        return String.format("0x%016x", v);
    }
}
