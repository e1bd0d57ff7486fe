package org.ruedo.launch;

import org.eclipse.debug.core.model.IProcess;
import org.ruedo.core.qemu.GuestExit;

/**
 * A QEMU booting a unikernel image, as the launch shows it: an Eclipse {@link IProcess} whose output
 * stream is the guest's serial port (it starts with the QEMU command line) and whose error stream holds
 * QEMU's stderr and Ruedo's exit messages. The process's exit value is the decoded {@link GuestExit}'s
 * exit code (docs/CONTRACTS.md section 4). This is what other bundles (the debugger) and tests may use;
 * the implementation lives in {@code org.ruedo.launch.internal}.
 */
public interface UnikernelProcess extends IProcess {
    /** The QEMU OS process (its pid, whether it is alive, waiting for it to exit). */
    Process osProcess();

    /** The decoded guest exit, or null while QEMU runs. */
    GuestExit guestExit();

    /** All serial output so far (starts with the QEMU command line). */
    String serialText();

    /** All error-stream text so far (QEMU's stderr and Ruedo's exit messages). */
    String errorText();
}
