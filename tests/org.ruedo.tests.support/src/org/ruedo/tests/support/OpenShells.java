package org.ruedo.tests.support;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.Platform;
import org.osgi.framework.Bundle;

/**
 * The shells a test left open in a running workbench (dialogs, notices, popups), other than the workbench
 * windows. Works without SWT too (plain plug-in tests): then nothing is ever open.
 */
final class OpenShells {
    private OpenShells() {
    }

    /** Descriptions of the visible non-workbench shells, each then closed; empty when none (or no workbench). */
    static List<String> closeUnexpected() {
        Bundle ui = Platform.getBundle("org.eclipse.ui.workbench");
        if (ui == null || ui.getState() != Bundle.ACTIVE) {
            return List.of();
        }
        try {
            return WorkbenchShells.closeUnexpected();
        } catch (NoClassDefFoundError e) {
            return List.of(); // this test bundle does not see SWT: no workbench shells to check
        }
    }

    /** The SWT part, loaded only when a workbench is running. */
    static final class WorkbenchShells {
        private WorkbenchShells() {
        }

        static List<String> closeUnexpected() {
            List<String> out = new ArrayList<>();
            if (!org.eclipse.ui.PlatformUI.isWorkbenchRunning()) {
                return out;
            }
            org.eclipse.swt.widgets.Display d = org.eclipse.ui.PlatformUI.getWorkbench().getDisplay();
            Runnable check = () -> {
                List<org.eclipse.swt.widgets.Shell> windows = new ArrayList<>();
                for (var w : org.eclipse.ui.PlatformUI.getWorkbench().getWorkbenchWindows()) {
                    windows.add(w.getShell());
                }
                for (org.eclipse.swt.widgets.Shell s : d.getShells()) {
                    if (s.isDisposed() || !s.isVisible() || windows.contains(s)) {
                        continue;
                    }
                    out.add("unexpected shell '" + s.getText() + "': " + texts(s));
                    s.close();
                    if (!s.isDisposed()) {
                        s.dispose();
                    }
                }
            };
            if (org.eclipse.swt.widgets.Display.getCurrent() == d) {
                check.run();
            } else {
                d.syncExec(check);
            }
            return out;
        }

        private static String texts(org.eclipse.swt.widgets.Composite c) {
            StringBuilder sb = new StringBuilder();
            for (org.eclipse.swt.widgets.Control k : c.getChildren()) {
                String t = k instanceof org.eclipse.swt.widgets.Label l ? l.getText()
                        : k instanceof org.eclipse.swt.widgets.Text x ? x.getText()
                        : k instanceof org.eclipse.swt.widgets.Link l ? l.getText()
                        : k instanceof org.eclipse.swt.widgets.Button b ? "[" + b.getText() + "]" : null;
                if (t != null && !t.isBlank()) {
                    sb.append(t.replace('\n', ' ')).append(" | ");
                }
                if (k instanceof org.eclipse.swt.widgets.Composite kc) {
                    sb.append(texts(kc));
                }
            }
            return sb.toString();
        }
    }
}
