package org.ruedo.debug.internal.service;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IMarkerDelta;
import org.eclipse.core.resources.IResourceChangeEvent;
import org.eclipse.core.resources.IResourceChangeListener;
import org.eclipse.core.resources.IResourceDelta;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.ILog;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.IBreakpointListener;
import org.eclipse.debug.core.IBreakpointManager;
import org.eclipse.debug.core.model.IBreakpoint;
import org.ruedo.debug.breakpoints.GdbBreakpoint;
import org.ruedo.debug.breakpoints.RuedoLineBreakpoint;
import org.ruedo.debug.mi.MIBreakpoint;
import org.ruedo.debug.mi.MIException;
import org.ruedo.debug.mi.MISession;
import org.ruedo.debug.mi.commands.BreakAfter;
import org.ruedo.debug.mi.commands.BreakCondition;
import org.ruedo.debug.mi.commands.BreakDelete;
import org.ruedo.debug.mi.commands.BreakDisable;
import org.ruedo.debug.mi.commands.BreakEnable;
import org.ruedo.debug.mi.commands.BreakInsert;
import org.ruedo.debug.mi.commands.ExecContinue;
import org.ruedo.debug.mi.commands.ExecInterrupt;

/**
 * Breakpoints (DSF-GDB's MIBreakpoints plus its platform synchroniser): keeps gdb's breakpoints equal
 * to the platform breakpoint manager's Ruedo breakpoints ({@link GdbBreakpoint}: added, removed,
 * enabled/disabled, condition and ignore count ({@code -break-after}) changed) and maps gdb breakpoint numbers back to platform breakpoints for
 * suspend events. Each breakpoint type brings its own insert command ({@link GdbBreakpoint#insertCommand()}),
 * so this service has no case per kind.
 * gdb only takes changes while the guest is stopped, so a change made while it runs interrupts the
 * guest, applies the change and continues.
 * <p>
 * The breakpoint manager reports marker attribute changes (enable, condition) only with a
 * {@code POST_BUILD} resource event, which does not come when no build runs (seen in the headless
 * runtime). So this service also watches {@code POST_CHANGE} marker deltas itself; a change is sent
 * to gdb once, whichever notification comes first (the applied state is remembered per breakpoint).
 */
public final class BreakpointService implements IBreakpointListener, IResourceChangeListener {
    private final MISession mi;
    private final RunControlService runControl;
    private final ExecutorService worker;
    private final Map<GdbBreakpoint, Integer> numbers = new HashMap<>();
    /** Per installed breakpoint, the addresses gdb placed it at. */
    private final Map<GdbBreakpoint, long[]> addresses = new HashMap<>();
    /** Per installed breakpoint, the "enabled|ignore count|condition" gdb has. */
    private final Map<GdbBreakpoint, String> applied = new HashMap<>();

    public BreakpointService(MISession mi, RunControlService runControl, ExecutorService worker) {
        this.mi = mi;
        this.runControl = runControl;
        this.worker = worker;
    }

    /** Installs the platform's current breakpoints and starts following its changes. */
    public void start() {
        IBreakpointManager mgr = DebugPlugin.getDefault().getBreakpointManager();
        mgr.addBreakpointListener(this);
        ResourcesPlugin.getWorkspace().addResourceChangeListener(this, IResourceChangeEvent.POST_CHANGE);
        for (IBreakpoint b : mgr.getBreakpoints(RuedoLineBreakpoint.MODEL_ID)) {
            if (b instanceof GdbBreakpoint lb) {
                try {
                    install(lb);
                } catch (MIException e) {
                    // one bad breakpoint (a function that no longer exists...) must not stop the session
                    ILog.of(getClass()).warn("breakpoint not installed: " + e.getMessage());
                }
            }
        }
    }

    /** Stops following the platform. */
    public void stop() {
        DebugPlugin dp = DebugPlugin.getDefault();
        if (dp != null) {
            dp.getBreakpointManager().removeBreakpointListener(this);
        }
        ResourcesPlugin.getWorkspace().removeResourceChangeListener(this);
    }

    /** A breakpoint on a function ({@code main}), temporary (deleted when hit) or not. */
    public MIBreakpoint insertFunction(String function, boolean temporary) throws MIException {
        return mi.execute(new BreakInsert(function, temporary, false, null));
    }

    /** The platform breakpoints behind gdb breakpoint {@code number}. */
    public IBreakpoint[] byNumber(int number) {
        if (number <= 0) {
            return new IBreakpoint[0];
        }
        synchronized (numbers) {
            return numbers.entrySet().stream().filter(e -> e.getValue() == number).map(Map.Entry::getKey)
                    .toArray(IBreakpoint[]::new);
        }
    }

    /** {@code =breakpoint-deleted} (from the gdb console): the platform breakpoint is no longer installed. */
    void deleted(int number) {
        synchronized (numbers) {
            numbers.values().removeIf(n -> n == number);
        }
    }

    /** The addresses gdb placed an installed breakpoint at (none when not installed, or a watchpoint). */
    public long[] addresses(GdbBreakpoint b) {
        synchronized (numbers) {
            long[] a = numbers.containsKey(b) ? addresses.get(b) : null;
            return a == null ? new long[0] : a.clone();
        }
    }

    /** The gdb number of a platform breakpoint, or null when it is not installed. */
    public Integer number(GdbBreakpoint b) {
        synchronized (numbers) {
            return numbers.get(b);
        }
    }

    private void install(GdbBreakpoint b) throws MIException {
        try {
            b.prepare(mi);
            MIBreakpoint mb = mi.execute(b.insertCommand());
            synchronized (numbers) {
                numbers.put(b, mb.number());
                applied.put(b, state(b));
                addresses.put(b, mb.locations().stream().filter(l -> l.addr() != null && l.addr().startsWith("0x"))
                        .mapToLong(l -> Long.parseUnsignedLong(l.addr().substring(2), 16)).toArray());
            }
            b.installed(mb, mi);
            if (!b.conditionInInsertCommand() && !b.condition().isBlank()) {
                mi.execute(new BreakCondition(mb.number(), b.condition()));
            }
            if (!b.isEnabled()) {
                mi.execute(new BreakDisable(mb.number()));
            }
            if (b.ignoreCount() > 0) {
                mi.execute(new BreakAfter(mb.number(), b.ignoreCount()));
            }
        } catch (CoreException e) {
            throw new MIException("cannot read breakpoint: " + e.getMessage(), e);
        }
    }

    private interface MIAction {
        void run() throws MIException;
    }

    /** Runs an MI change now when gdb can take it; while the guest runs, interrupts, applies it and continues. */
    private void whileStopped(MIAction action) {
        RunControlService.State state = runControl.state();
        if (state == RunControlService.State.TERMINATED) {
            return;
        }
        if (state != RunControlService.State.RUNNING) {
            try {
                action.run();
            } catch (MIException e) {
                ILog.of(getClass()).warn("breakpoint update failed: " + e.getMessage());
            }
            return;
        }
        worker.submit(() -> {
            try {
                mi.execute(new ExecInterrupt());
                long end = System.currentTimeMillis() + 5000;
                while (!runControl.isSuspended() && System.currentTimeMillis() < end) {
                    Thread.sleep(5);
                }
                action.run();
                mi.execute(new ExecContinue());
            } catch (MIException | InterruptedException e) {
                ILog.of(getClass()).warn("breakpoint update failed: " + e.getMessage());
            }
        });
    }

    @Override
    public void breakpointAdded(IBreakpoint b) {
        if (b instanceof GdbBreakpoint lb) {
            whileStopped(() -> install(lb));
        }
    }

    @Override
    public void breakpointRemoved(IBreakpoint b, IMarkerDelta delta) {
        Integer n;
        synchronized (numbers) {
            n = numbers.remove(b);
            applied.remove(b);
            addresses.remove(b);
        }
        if (n != null) {
            int num = n;
            whileStopped(() -> mi.execute(new BreakDelete(num)));
        }
    }

    @Override
    public void breakpointChanged(IBreakpoint b, IMarkerDelta delta) {
        if (!(b instanceof GdbBreakpoint lb)) {
            return;
        }
        Integer n = number(lb);
        if (n == null) {
            return;
        }
        int num = n;
        whileStopped(() -> {
            String now;
            try {
                now = state(lb);
            } catch (CoreException e) {
                throw new MIException(e.getMessage(), e);
            }
            synchronized (numbers) {
                if (now.equals(applied.get(lb))) {
                    return; // already sent (the other notification came first)
                }
                applied.put(lb, now);
            }
            try {
                mi.execute(lb.isEnabled() ? new BreakEnable(num) : new BreakDisable(num));
                mi.execute(new BreakCondition(num, lb.condition()));
                mi.execute(new BreakAfter(num, lb.ignoreCount()));
            } catch (CoreException e) {
                throw new MIException(e.getMessage(), e);
            }
        });
    }

    private static String state(GdbBreakpoint b) throws CoreException {
        return b.isEnabled() + "|" + b.ignoreCount() + "|" + b.condition();
    }

    /** Marker attribute changes of installed breakpoints, straight from the workspace (see the class comment). */
    @Override
    public void resourceChanged(IResourceChangeEvent event) {
        if (event.getDelta() == null) {
            return;
        }
        List<GdbBreakpoint> changed = new ArrayList<>();
        synchronized (numbers) {
            for (GdbBreakpoint b : numbers.keySet()) {
                IMarker m = b.getMarker();
                if (m == null) {
                    continue;
                }
                IResourceDelta d = event.getDelta().findMember(m.getResource().getFullPath());
                if (d != null && Arrays.stream(d.getMarkerDeltas())
                        .anyMatch(md -> md.getKind() == IResourceDelta.CHANGED && md.getId() == m.getId())) {
                    changed.add(b);
                }
            }
        }
        changed.forEach(b -> breakpointChanged(b, null));
    }
}
