package org.ruedo.launch.qmp.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.ruedo.launch.qmp.QmpCommand;
import org.ruedo.launch.qmp.QmpException;

/**
 * The guest's vCPUs, without interrupting them. {@code cpu-index} is what
 * {@link HumanMonitorCommand}'s {@code cpu-index} takes; gdb numbers the same vCPUs from 1 (thread
 * {@code cpu-index + 1}).
 * <pre>
 * -&gt; {"execute": "query-cpus-fast", "id": 3}
 * &lt;- {"return": [{"thread-id": 4711, "props": {"core-id": 0, "thread-id": 0, "socket-id": 0},
 *                 "qom-path": "/machine/unattached/device[0]", "cpu-index": 0, "target": "x86_64"},
 *                {"thread-id": 4711, ..., "cpu-index": 1, "target": "x86_64"}], "id": 3}
 * </pre>
 */
public final class QueryCpusFast extends QmpCommand<List<Integer>> {
    @Override
    public String name() {
        return "query-cpus-fast";
    }

    /** The cpu-index of every vCPU, in QEMU's order. */
    @Override
    public List<Integer> result(Object value) throws QmpException {
        if (!(value instanceof List<?> l)) {
            throw new QmpException("query-cpus-fast: unexpected answer " + value);
        }
        List<Integer> cpus = new ArrayList<>();
        for (Object o : l) {
            if (o instanceof Map<?, ?> m && m.get("cpu-index") instanceof Long idx) {
                cpus.add(idx.intValue());
            }
        }
        return cpus;
    }
}
