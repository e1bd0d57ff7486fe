package org.ruedo.core.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The gdb script {@code ruedo debug} writes next to the ELF ({@code build/ruedo-fault.gdb}): the CLI side
 * of "stop at the fault" (docs/CONTRACTS.md §5.2). It breaks on the kernel's {@code ruedo_fault_hook},
 * prints the reason, and selects the first frame outside the kernel's fatal path (the faulting function
 * at the faulting line; for a panic or failed kassert, the caller), so {@code bt}, {@code info locals}
 * and {@code list} start there; {@code continue} prints the crash report and ends the run (exit 100).
 * The handler frames are the ones the IDE's debugger skips (org.ruedo.debug FaultService).
 */
final class FaultStopScript {
    static final String NAME = "ruedo-fault.gdb";

    private static final String SCRIPT = """
            # Written by 'ruedo debug': stop at a kernel fault, panic or failed kassert (docs/CONTRACTS.md section 5.2).
            # Load it with: gdb -x build/ruedo-fault.gdb ...   or, in gdb: source build/ruedo-fault.gdb
            set pagination off
            # code from the ELF: QEMU's memory is empty until the image is loaded, and steps need fewer round trips
            set trust-readonly-sections on
            break ruedo_fault_hook
            commands
              silent
              printf "\\nruedo: stopped at the fault: %s\\n", reason
              python
            frame = gdb.newest_frame()
            handler = ("ruedo_fault_hook", "trap_handler", "trap_common", "panic", "assert_failed")
            while frame.older() is not None and (frame.name() in handler or frame.type() == gdb.SIGTRAMP_FRAME):
                frame = frame.older()
            frame.select()
              end
              frame
              printf "ruedo: 'bt' for the stack, 'info locals' for this frame, 'continue' for the crash report (exit 100)\\n"
            end
            """;

    private FaultStopScript() {
    }

    /** Writes the script to {@code file} and returns it. */
    static Path write(Path file) throws IOException {
        Files.writeString(file, SCRIPT);
        return file;
    }
}
