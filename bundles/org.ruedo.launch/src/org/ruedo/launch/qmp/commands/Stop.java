package org.ruedo.launch.qmp.commands;

import org.ruedo.launch.qmp.QmpCommand;

/**
 * Stops the vCPUs; a {@code STOP} event follows. Not for debug launches: there gdb owns run control.
 * <pre>
 * -&gt; {"execute": "stop", "id": 14}
 * &lt;- {"return": {}, "id": 14}
 * &lt;- {"event": "STOP", "timestamp": {...}}
 * </pre>
 */
public final class Stop extends QmpCommand<Void> {
    @Override
    public String name() {
        return "stop";
    }

    @Override
    public Void result(Object value) {
        return null;
    }
}
