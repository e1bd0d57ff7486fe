package org.ruedo.launch.qmp.commands;

import java.util.Map;

import org.ruedo.launch.qmp.QmpCommand;
import org.ruedo.launch.qmp.QmpException;

/**
 * Whether the guest's vCPUs run: {@code running} is false while gdb (or {@code -S}) holds them.
 * <pre>
 * -&gt; {"execute": "query-status", "id": 2}
 * &lt;- {"return": {"status": "running", "singlestep": false, "running": true}, "id": 2}
 * &lt;- {"return": {"status": "debug", "singlestep": false, "running": false}, "id": 2}
 * </pre>
 */
public final class QueryStatus extends QmpCommand<QueryStatus.Status> {
    /** @param status QEMU's run state ({@code running}, {@code paused}, {@code debug}, {@code prelaunch}, ...) */
    public record Status(boolean running, String status) {
    }

    @Override
    public String name() {
        return "query-status";
    }

    @Override
    public Status result(Object value) throws QmpException {
        if (value instanceof Map<?, ?> m && m.get("running") instanceof Boolean r) {
            return new Status(r, String.valueOf(m.get("status")));
        }
        throw new QmpException("query-status: unexpected answer " + value);
    }
}
