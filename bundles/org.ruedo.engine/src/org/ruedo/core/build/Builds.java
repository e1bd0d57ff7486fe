package org.ruedo.core.build;

import java.io.IOException;
import java.nio.file.Path;

import org.ruedo.core.manifest.ManifestException;
import org.ruedo.core.manifest.ProjectManifest;
import org.ruedo.core.toolchain.Toolchain;
import org.ruedo.core.toolchain.ToolchainException;

/** Convenience entry points shared by the CLI commands. */
public final class Builds {
    private Builds() {
    }

    /**
     * Loads the manifest and brings the image up to date with the tools on PATH (a no-op when nothing
     * changed); what the {@code ruedo run} and {@code ruedo debug} commands do before booting.
     */
    public static BuildResult buildIfNeeded(Path projectDir, BuildListener listener)
            throws ManifestException, ToolchainException, IOException {
        return buildIfNeeded(projectDir, Toolchain.fromPath(), listener);
    }

    /** Loads the manifest and brings the image up to date (a no-op when nothing changed). */
    public static BuildResult buildIfNeeded(Path projectDir, Toolchain tools, BuildListener listener)
            throws ManifestException, ToolchainException, IOException {
        ProjectManifest m = ProjectManifest.load(projectDir);
        return new BuildEngine(tools).build(m, listener, new CancelToken());
    }
}
