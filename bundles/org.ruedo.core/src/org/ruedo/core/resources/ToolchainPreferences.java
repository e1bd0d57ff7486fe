package org.ruedo.core.resources;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.ruedo.core.toolchain.Tool;
import org.ruedo.core.toolchain.Toolchain;

/** Tool paths set in the IDE preferences (node {@code org.ruedo.core}, keys {@link Tool#preferenceKey()}). */
public final class ToolchainPreferences {
    /** Preference node. */
    public static final String NODE = "org.ruedo.core";

    private ToolchainPreferences() {
    }

    /** The toolchain with the user's overrides; PATH for tools without one. */
    public static Toolchain toolchain() {
        IEclipsePreferences prefs = InstanceScope.INSTANCE.getNode(NODE);
        Map<Tool, Path> m = new EnumMap<>(Tool.class);
        for (Tool t : Tool.values()) {
            String v = prefs.get(t.preferenceKey(), "");
            if (!v.isBlank()) {
                m.put(t, Path.of(v));
            }
        }
        return Toolchain.withOverrides(m);
    }
}
