package org.ruedo.launch;

import java.nio.file.Path;

import org.eclipse.core.resources.IProject;
import org.ruedo.core.manifest.ProjectManifest;

/**
 * A QEMU started by {@link QemuLauncher}.
 *
 * @param process   the QEMU as an Eclipse process (console, terminate, exit value)
 * @param project   the workspace project
 * @param manifest  the project's manifest
 * @param elf       the ELF with DWARF (for gdb)
 * @param image     the booted image
 * @param gdbPort   gdbstub port on 127.0.0.1, or -1
 */
public record QemuSession(UnikernelProcess process, IProject project, ProjectManifest manifest, Path elf, Path image, int gdbPort) {
    /** The QEMU OS process id. */
    public long pid() {
        return process.osProcess().pid();
    }

    /** Serial output so far (starts with the command line). */
    public String serialText() {
        return process.serialText();
    }
}
