package org.ruedo.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.IncrementalProjectBuilder;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.ruedo.core.manifest.ManifestException;
import org.ruedo.core.manifest.ProjectManifest;
import org.ruedo.core.qemu.QemuCommand;
import org.ruedo.core.qemu.QemuStart;
import org.ruedo.core.qemu.Recording;
import org.ruedo.core.resources.ProblemMarkers;
import org.ruedo.core.resources.RuedoProjects;
import org.ruedo.core.resources.ToolchainPreferences;
import org.ruedo.core.toolchain.Tool;
import org.ruedo.core.toolchain.Toolchain;
import org.ruedo.core.toolchain.ToolchainException;
import org.ruedo.launch.internal.QemuProcess;

/**
 * Starts QEMU for a "Unikernel (QEMU)" launch configuration: builds first if asked, checks the QEMU
 * binary, the image, the user's QEMU arguments ({@link QemuCommand#checkUserArgs}) and the gdbstub port, builds the argv with {@link QemuCommand} and wraps the
 * process. Used by the run delegate and by the debugger's delegate (frozen, with gdbstub).
 */
public final class QemuLauncher {
    private QemuLauncher() {
    }

    /** The workspace project a configuration names. */
    public static IProject project(ILaunchConfiguration config) throws CoreException {
        String name = config.getAttribute(LaunchConstants.ATTR_PROJECT, "");
        if (name.isBlank()) {
            throw error("no project selected in launch configuration '" + config.getName() + "'");
        }
        IProject p = ResourcesPlugin.getWorkspace().getRoot().getProject(name);
        if (!p.exists() || !p.isOpen()) {
            throw error("project '" + name + "' does not exist or is closed");
        }
        return p;
    }

    /**
     * Starts QEMU. {@code frozenWithGdbstub}: start with -S and the gdbstub enabled (debug mode).
     * On any error nothing is left running and a CoreException says what is wrong.
     */
    public static QemuSession start(ILaunchConfiguration config, ILaunch launch, boolean frozenWithGdbstub,
            IProgressMonitor monitor) throws CoreException {
        SubMonitor sub = SubMonitor.convert(monitor, "Starting " + config.getName(), 10);
        IProject project = project(config);
        ProjectManifest m;
        try {
            m = ProjectManifest.load(project.getLocation().toPath());
        } catch (ManifestException e) {
            throw error(e.getMessage());
        }
        // refused before anything is built or started: the gdbstub and every endpoint stay on 127.0.0.1
        List<String> extraArgs = splitArgs(config.getAttribute(LaunchConstants.ATTR_EXTRA_ARGS, ""));
        String bad = QemuCommand.userArgsError(extraArgs);
        if (bad != null) {
            throw error("extra QEMU arguments of '" + config.getName() + "': " + bad);
        }
        Toolchain tools = ToolchainPreferences.toolchain();
        String qemuAttr = config.getAttribute(LaunchConstants.ATTR_QEMU, "");
        if (!qemuAttr.isBlank()) {
            tools = Toolchain.withOverrides(java.util.Map.of(Tool.QEMU, Path.of(qemuAttr)));
        }
        Path qemu;
        try {
            qemu = tools.require(Tool.QEMU);
        } catch (ToolchainException e) {
            throw error(e.getMessage());
        }
        String replayAttr = config.getAttribute(LaunchConstants.ATTR_REPLAY, "");
        boolean record = replayAttr.isBlank() && config.getAttribute(LaunchConstants.ATTR_RECORD, m.record());
        int cpus = config.getAttribute(LaunchConstants.ATTR_CPUS, 0);
        if (record && (cpus > 0 ? cpus : m.cpus()) != 1) {       // before anything is built or started
            throw error(Recording.smpRefusal(cpus > 0 ? cpus : m.cpus()));
        }
        Path qemuImg = null;
        if (record) {
            try {
                qemuImg = tools.require(Tool.QEMU_IMG);
            } catch (ToolchainException e) {
                throw error("recording needs qemu-img: " + e.getMessage());
            }
        }
        if (replayAttr.isBlank() && config.getAttribute(LaunchConstants.ATTR_BUILD_FIRST, true)) {
            build(project, sub.split(7));
        }
        String imageAttr = config.getAttribute(LaunchConstants.ATTR_IMAGE, "");
        Path image = imageAttr.isBlank() ? m.image() : m.dir().resolve(imageAttr).normalize();
        if (!Files.isRegularFile(image)) {
            throw error("image not found: " + image + (imageAttr.isBlank() ? " (build the project first)" : ""));
        }
        int mem = config.getAttribute(LaunchConstants.ATTR_MEMORY, 0);
        List<String> userArgs = new java.util.ArrayList<>(m.qemuArgs());
        userArgs.addAll(extraArgs);
        Recording replay = null;
        if (!replayAttr.isBlank()) {
            try {
                replay = Recording.open(m.dir().resolve(replayAttr).normalize(), image);
            } catch (Recording.RecordingException | IOException e) {
                throw error(e.getMessage());
            }
            cpus = 1;
            mem = replay.memoryMiB();
            userArgs = replay.qemuArgs();
        }
        QemuCommand qc = new QemuCommand().qemu(qemu).image(image).cpus(cpus > 0 ? cpus : m.cpus())
                .memory(mem > 0 ? mem : m.memoryMiB()).frozen(frozenWithGdbstub).extraArgs(userArgs);
        if (frozenWithGdbstub || config.getAttribute(LaunchConstants.ATTR_GDBSTUB, false)) {
            int port = config.getAttribute(LaunchConstants.ATTR_GDB_PORT, 0);
            if (port != 0 && QemuCommand.portInUse(port)) {
                throw error("gdbstub port " + port + " on 127.0.0.1 is already in use; choose another port or 0 (any free port)");
            }
            try {
                qc.gdbPort(port);
            } catch (IOException e) {
                throw error("cannot find a free port for the gdbstub: " + e.getMessage());
            }
        }
        Path qmpDir = MonitorSocketDir.create();
        qc.qmpSocket(MonitorSocketDir.socket(qmpDir));
        Recording recording = null;
        if (record) {
            try {
                recording = Recording.create(Recording.dir(m), image, 1, mem > 0 ? mem : m.memoryMiB(), userArgs, qemuImg);
            } catch (Recording.RecordingException | IOException e) {
                MonitorSocketDir.delete(qmpDir);
                throw error(e.getMessage());
            } catch (InterruptedException e) {
                MonitorSocketDir.delete(qmpDir);
                Thread.currentThread().interrupt();
                throw error("interrupted while preparing the recording");
            }
            qc.ruedoArgs(recording.recordOptions());
        } else if (replay != null) {
            qc.ruedoArgs(replay.replayOptions());
        }
        Process p;
        try {
            // tied to this JVM (it dies with the workbench, however that dies), and listening before gdb connects
            p = QemuStart.start(qc, m.dir());
        } catch (IOException e) {
            MonitorSocketDir.delete(qmpDir);
            throw error("cannot start QEMU (" + qemu + "): " + e.getMessage());
        }
        List<String> argv = qc.build();     // after QemuStart's last port pick
        QemuProcess proc = new QemuProcess(launch, p, config.getName(), argv, m.elf());
        proc.setAttribute(LaunchConstants.PROC_ELF, m.elf().toString());
        proc.setAttribute(LaunchConstants.PROC_QMP_SOCKET, MonitorSocketDir.socket(qmpDir).toString());
        p.onExit().thenRun(() -> MonitorSocketDir.delete(qmpDir));
        if (qc.gdbPort() >= 0) {
            proc.setAttribute(LaunchConstants.PROC_GDB_PORT, Integer.toString(qc.gdbPort()));
        }
        if (recording != null) {
            proc.setAttribute(LaunchConstants.PROC_RECORDING, recording.dir().toString());
        }
        if (replay != null) {
            proc.setAttribute(LaunchConstants.PROC_REPLAY, replay.dir().toString());
        }
        sub.worked(3);
        return new QemuSession(proc, project, m, m.elf(), image, qc.gdbPort());
    }

    /** Builds a Ruedo project and fails when the build left errors. */
    public static void build(IProject project, IProgressMonitor monitor) throws CoreException {
        if (!RuedoProjects.isRuedoProject(project)) {
            RuedoProjects.addNature(project, monitor);
        }
        project.build(IncrementalProjectBuilder.INCREMENTAL_BUILD, org.ruedo.core.resources.RuedoBuilder.ID, null, monitor);
        IMarker[] errors = Arrays.stream(project.findMarkers(ProblemMarkers.TYPE, true, IResource.DEPTH_INFINITE))
                .filter(mk -> mk.getAttribute(IMarker.SEVERITY, -1) == IMarker.SEVERITY_ERROR).toArray(IMarker[]::new);
        if (errors.length > 0) {
            IMarker first = errors[0];
            throw error("build of " + project.getName() + " failed with " + errors.length + " error(s); first: "
                    + first.getResource().getName() + ":" + first.getAttribute(IMarker.LINE_NUMBER, 0) + ": "
                    + first.getAttribute(IMarker.MESSAGE, ""));
        }
    }

    /**
     * The launch configuration's extra QEMU arguments as argv entries: Eclipse's argument syntax
     * ({@link DebugPlugin#parseArguments}: double quotes keep spaces, {@code \\"} a quote) after
     * string-variable substitution ({@code ${workspace_loc}}, {@code ${project_loc}}...). Each entry
     * goes to QEMU as it is: no shell sees it.
     */
    public static List<String> splitArgs(String s) throws CoreException {
        if (s == null || s.isBlank()) {
            return List.of();
        }
        String expanded = org.eclipse.core.variables.VariablesPlugin.getDefault().getStringVariableManager().performStringSubstitution(s);
        return List.of(DebugPlugin.parseArguments(expanded));
    }

    static CoreException error(String msg) {
        return new CoreException(Status.error(msg));
    }
}
