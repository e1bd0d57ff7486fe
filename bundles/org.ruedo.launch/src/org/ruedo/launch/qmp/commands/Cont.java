package org.ruedo.launch.qmp.commands;

import org.ruedo.launch.qmp.QmpCommand;

/**
 * Resumes the vCPUs (of a QEMU started with {@code -S}, or stopped by {@link Stop}); a {@code RESUME}
 * event follows. Not for debug launches: there gdb owns run control.
 * <pre>
 * -&gt; {"execute": "cont", "id": 13}
 * &lt;- {"return": {}, "id": 13}
 * &lt;- {"event": "RESUME", "timestamp": {...}}
 * </pre>
 */
public final class Cont extends QmpCommand<Void> {
    @Override
    public String name() {
        return "cont";
    }

    @Override
    public Void result(Object value) {
        return null;
    }
}
