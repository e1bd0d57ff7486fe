package org.ruedo.launch.qmp.commands;

import org.ruedo.launch.qmp.QmpCommand;

/**
 * Leaves capabilities negotiation mode; the first command of every session ({@link org.ruedo.launch.qmp.QmpClient}
 * sends it after the greeting). No capabilities are asked for (no out-of-band execution).
 * <pre>
 * -&gt; {"execute": "qmp_capabilities", "id": 1}
 * &lt;- {"return": {}, "id": 1}
 * </pre>
 */
public final class QmpCapabilities extends QmpCommand<Void> {
    @Override
    public String name() {
        return "qmp_capabilities";
    }

    @Override
    public Void result(Object value) {
        return null;
    }
}
