package org.ruedo.launch.qmp;

import java.util.Map;

/**
 * An asynchronous QMP event, e.g.
 * <pre>
 * &lt;- {"event": "STOP", "data": {}, "timestamp": {"seconds": 1700000000, "microseconds": 123456}}
 * &lt;- {"event": "RESUME", "timestamp": {...}}
 * &lt;- {"event": "SHUTDOWN", "data": {"guest": true, "reason": "guest-shutdown"}, "timestamp": {...}}
 * </pre>
 *
 * @param name            the event name ({@code STOP}, {@code RESUME}, {@code SHUTDOWN}, ...)
 * @param data            its {@code data} member (empty when absent)
 * @param timestampMicros QEMU's host time stamp in microseconds since the epoch (0 when absent)
 */
public record QmpEvent(String name, Map<String, Object> data, long timestampMicros) {
    @SuppressWarnings("unchecked")
    static QmpEvent of(Map<String, Object> msg) {
        Object d = msg.get("data");
        long ts = 0;
        if (msg.get("timestamp") instanceof Map<?, ?> t && t.get("seconds") instanceof Long sec
                && t.get("microseconds") instanceof Long us) {
            ts = sec * 1_000_000L + us;
        }
        return new QmpEvent(String.valueOf(msg.get("event")), d instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of(), ts);
    }
}
