package org.ruedo.debug.launch;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.model.LaunchConfigurationDelegate;
import org.ruedo.core.qemu.GdbCommand;
import org.ruedo.core.qemu.ToolProcess;
import org.ruedo.core.resources.ToolchainPreferences;
import org.ruedo.core.toolchain.Tool;
import org.ruedo.core.toolchain.Toolchain;
import org.ruedo.core.toolchain.ToolchainException;
import org.ruedo.debug.model.RuedoDebugTarget;
import org.ruedo.debug.sourcelookup.RuedoSourceLookupDirector;
import org.ruedo.launch.QemuLauncher;
import org.ruedo.launch.QemuSession;

/**
 * Debug mode of "Unikernel (QEMU)": QEMU starts frozen (-S) with its gdbstub on a free 127.0.0.1 port,
 * gdb starts on the ELF (so it speaks x86-64 from the start), connects, installs breakpoints, optionally
 * stops at {@code main}, sets the breakpoint that suspends at a kernel fault, and resumes. Any failure kills both and reports why.
 */
public class RuedoDebugDelegate extends LaunchConfigurationDelegate {
    @Override
    public void launch(ILaunchConfiguration config, String mode, ILaunch launch, IProgressMonitor monitor)
            throws CoreException {
        SubMonitor sub = SubMonitor.convert(monitor, "Debugging " + config.getName(), 10);
        Toolchain tools = ToolchainPreferences.toolchain();
        String gdbAttr = config.getAttribute(DebugLaunchKeys.ATTR_GDB, "");
        if (!gdbAttr.isBlank()) {
            tools = Toolchain.withOverrides(Map.of(Tool.GDB, Path.of(gdbAttr)));
        }
        Path gdbPath;
        try {
            gdbPath = tools.require(Tool.GDB);
        } catch (ToolchainException e) {
            throw new CoreException(Status.error(e.getMessage()));
        }
        RuedoSourceLookupDirector director = new RuedoSourceLookupDirector();
        director.initializeDefaults(config);
        launch.setSourceLocator(director);

        QemuSession qemu = QemuLauncher.start(config, launch, true, sub.split(6));
        Process gdb = null;
        try {
            List<String> argv = GdbCommand.mi(gdbPath, qemu.elf());
            gdb = ToolProcess.start(new ProcessBuilder(argv).directory(qemu.manifest().dir().toFile()));     // dies with the workbench
            RuedoDebugTarget target = new RuedoDebugTarget(launch, qemu, gdb);
            launch.addDebugTarget(target);
            target.start(config.getAttribute(DebugLaunchKeys.ATTR_STOP_AT_MAIN, true),
                    config.getAttribute(DebugLaunchKeys.ATTR_STOP_AT_FAULT, true));
        } catch (IOException | DebugException e) {
            if (gdb != null) {
                gdb.destroyForcibly();
            }
            qemu.process().terminate();
            throw new CoreException(Status.error("debug session failed to start: " + e.getMessage(), e));
        }
    }

    @Override
    public boolean buildForLaunch(ILaunchConfiguration configuration, String mode, IProgressMonitor monitor) {
        return false;
    }
}
