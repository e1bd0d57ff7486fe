package org.ruedo.core.toolchain;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the external tools: an explicit override (IDE preference or caller) first, then PATH.
 * Only the tools an operation needs are required ({@link #require}); a missing one gives an error
 * naming the Debian package to install.
 */
public final class Toolchain {
    private final Map<Tool, Path> overrides;
    private final String path;

    private Toolchain(Map<Tool, Path> overrides, String path) {
        this.overrides = overrides;
        this.path = path;
    }

    /** Tools from PATH. */
    public static Toolchain fromPath() {
        return new Toolchain(Map.of(), System.getenv("PATH"));
    }

    /** Tools from PATH unless overridden (a blank or null override means "from PATH"). */
    public static Toolchain withOverrides(Map<Tool, Path> overrides) {
        Map<Tool, Path> m = new EnumMap<>(Tool.class);
        overrides.forEach((t, p) -> {
            if (p != null && !p.toString().isBlank()) {
                m.put(t, p);
            }
        });
        return new Toolchain(m, System.getenv("PATH"));
    }

    /** Same overrides, but searching the given PATH string (tests). */
    public Toolchain withSearchPath(String searchPath) {
        return new Toolchain(overrides, searchPath);
    }

    /**
     * Where the tool is, if anywhere. An override that is a bare program name (no directory, e.g.
     * {@code gcc-12}) is searched on PATH; any other override must be an executable file.
     */
    public Optional<Path> find(Tool tool) {
        Path o = overrides.get(tool);
        if (o != null) {
            if (o.getNameCount() == 1 && !o.isAbsolute()) {
                return onPath(o.toString());
            }
            return Files.isRegularFile(o) && Files.isExecutable(o) ? Optional.of(o) : Optional.empty();
        }
        return onPath(tool.command());
    }

    private Optional<Path> onPath(String program) {
        if (path == null) {
            return Optional.empty();
        }
        for (String d : path.split(File.pathSeparator)) {
            if (d.isEmpty()) {
                continue;
            }
            Path p = Path.of(d, program);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The tool, or an error naming the Debian package to install. */
    public Path require(Tool tool) throws ToolchainException {
        Optional<Path> p = find(tool);
        if (p.isPresent()) {
            return p.get();
        }
        Path o = overrides.get(tool);
        String where = o == null ? "not found on PATH"
                : o.getNameCount() == 1 && !o.isAbsolute() ? "(configured as " + o + ") not found on PATH"
                : "(configured path " + o + ") is not an executable file";
        String pkg = tool.debianPackage();
        throw new ToolchainException(tool, tool.command() + " " + where + ": install the Debian package"
                + (pkg.contains(" ") ? "s " : " ") + pkg + " (sudo apt-get install " + pkg + ")");
    }
}
