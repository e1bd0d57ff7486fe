package org.ruedo.fault.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ruedo.fault.tests.Fixtures.app;
import static org.ruedo.fault.tests.Fixtures.config;
import static org.ruedo.fault.tests.Fixtures.kernel;
import static org.ruedo.fault.tests.Fixtures.project;
import static org.ruedo.fault.tests.Fixtures.waitFor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;

import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.IncrementalProjectBuilder;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchManager;
import org.junit.jupiter.api.Test;
import org.ruedo.core.build.BuildEngine;
import org.ruedo.core.build.BuildListener;
import org.ruedo.core.build.BuildResult;
import org.ruedo.core.build.CancelToken;
import org.ruedo.core.manifest.ManifestException;
import org.ruedo.core.manifest.ProjectManifest;
import org.ruedo.core.toolchain.Toolchain;
import org.ruedo.debug.model.RuedoDebugTarget;
import org.ruedo.launch.UnikernelProcess;

/** Odd project paths work end to end; bad manifest values are file:line errors and build nothing. */
class ProjectInputFaultTest extends FaultTestBase {
    @Test
    void helloInAPathWithSpacesAndNonAsciiBuildsRunsAndDebugs() throws Exception {
        Path kernelCopy = tmp.resolve("dir with spaces/ñandú árbol/ker nel");
        Fixtures.copy(kernel(), kernelCopy);
        Path hello = kernelCopy.resolve("examples/hello");   // kernel = "../.." as shipped
        IProject p = project("hello-spaced", hello);
        ILaunch run = config(p).launch(ILaunchManager.RUN_MODE, null);
        waitFor(run::isTerminated, 60, "hello to run");
        UnikernelProcess q = (UnikernelProcess) run.getProcesses()[0];
        assertTrue(q.serialText().contains("hello from Ruedo!"), q.serialText() + q.errorText());
        assertEquals(0, q.getExitValue(), q.errorText());
        assertTrue(Files.isRegularFile(hello.resolve("build/hello.img")));

        ILaunch debug = config(p).launch(ILaunchManager.DEBUG_MODE, null);
        RuedoDebugTarget t = (RuedoDebugTarget) debug.getDebugTarget();
        waitFor(() -> t.isSuspended() || t.isTerminated(), 60, "stop at main");
        assertTrue(t.isSuspended(), String.valueOf(t.terminationMessage()));
        assertEquals("main", t.lastStop().frame().func());
        assertEquals(hello.resolve("main.c").toRealPath(), Path.of(t.lastStop().frame().fullname()).toRealPath(),
                "gdb found the source under the odd path");
        debug.terminate();
        waitFor(debug::isTerminated, 20, "debug session to end");
    }

    @Test
    void cliBuildsAndRunsHelloInAPathWithSpacesAndNonAscii() throws Exception {
        Path kernelCopy = tmp.resolve("dir with spaces/ñandú/ker nel");
        Fixtures.copy(kernel(), kernelCopy);
        Path hello = kernelCopy.resolve("examples/hello");
        Cli build = Cli.run("build", hello.toString());
        assertEquals(0, build.code(), build.text());
        assertTrue(Files.isRegularFile(hello.resolve("build/hello.img")), build.text());
        Cli run = Cli.run("run", hello.toString(), "--timeout", "60");
        assertEquals(0, run.code(), run.text());
        assertTrue(run.text().contains("hello from Ruedo!"), run.text());
    }

    @Test
    void cliRefusesABadManifestWithFileLineAndBuildsNothing() throws Exception {
        Path dir = app(tmp.resolve("badcli"), "badcli", kernel().toString(), Fixtures.SPIN);
        Files.writeString(dir.resolve("unikernel.toml"), Files.readString(dir.resolve("unikernel.toml")) + "[run]\ncpus = 0\n");
        for (String cmd : List.of("build", "run", "debug")) {
            Cli c = Cli.run(cmd, dir.toString());
            assertEquals(2, c.code(), cmd + " must fail: " + c.text());
            assertEquals("ruedo " + cmd + ": error: unikernel.toml:7: 'cpus' = 0 is out of range 1..8\n", c.text());
        }
        assertFalse(Files.exists(dir.resolve("build")), "nothing built");
    }

    /**
     * Issue 12: with no UTF-8 locale ({@code LANG} unset, {@code LC_ALL=C}) the ./ruedo script still names a non-ASCII
     * project path (it runs the JVM with UTF-8 file names); the JVM started by hand under that locale says why it cannot.
     */
    @Test
    void nonAsciiPathWorksWithoutAUtf8Locale() throws Exception {
        Path hello = app(tmp.resolve("ñandú árbol/hola"), "hola", kernel().toString(),
                "#include <ruedo.h>\nint main(void)\n{\n    printk(\"hola ñandú\\n\");\n    return 0;\n}\n");
        Path root = kernel().getParent();
        String[] script = run(List.of(root.resolve("ruedo").toString(), "run", hello.toString(), "--timeout", "120"));
        assertEquals("0", script[0], script[1]);
        assertTrue(script[1].contains("hola ñandú"), script[1]);
        assertTrue(script[1].contains("ruedo: guest exited with code 0; exit code 0"), script[1]);
        assertFalse(script[1].contains("Exception"), script[1]);

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String[] bare = run(List.of(java, "-cp", root.resolve(".ruedo-cli/engine.jar").toString(), "org.ruedo.core.cli.Main", "run",
                hello.toString()));
        assertEquals("2", bare[0], bare[1]);
        assertTrue(bare[1].startsWith("ruedo: error: cannot use the path '"), bare[1]);
        assertTrue(bare[1].contains("This JVM names files in ANSI_X3.4-1968 (from the locale: LC_ALL=C, LC_CTYPE=, LANG=), which "
                + "cannot spell non-ASCII file names; run it under a UTF-8 locale, e.g. LC_ALL=C.UTF-8"), bare[1]);
        assertFalse(bare[1].contains("Exception") || bare[1].contains("\tat "), "no stack trace: " + bare[1]);
    }

    /** Runs a command with {@code LC_ALL=C} and no other locale variable: {exit code, stdout + stderr as UTF-8}. */
    private static String[] run(List<String> argv) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
        for (String v : List.of("LANG", "LANGUAGE", "LC_CTYPE", "LC_MESSAGES")) {
            pb.environment().remove(v);
        }
        pb.environment().put("LC_ALL", "C");
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        return new String[] { Integer.toString(p.waitFor()), out };
    }

    /** {@code ruedo <args>} in this JVM (org.ruedo.core.cli.Main.run): exit code and everything printed. */
    record Cli(int code, String text) {
        static Cli run(String... args) {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            java.io.PrintStream ps = new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8);
            int code = org.ruedo.core.cli.Main.run(args, ps, ps);
            return new Cli(code, bytes.toString(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    @Test
    void headerWithSpacesIsTrackedAndNonAsciiOutputSurvives() throws Exception {
        Path root = tmp.resolve("dir with spaces/ñandú");
        Fixtures.copy(kernel(), root.resolve("ker nel"));
        Path dir = app(root.resolve("my app"), "spaced", "../ker nel", "#include <ruedo.h>\n#include \"my header.h\"\n"
                + "int main(void)\n{\n    printk(\"%s\\n\", GREETING);\n    return 7;\n}\n");
        Files.writeString(dir.resolve("my header.h"), "#define GREETING \"hola, ñandú\"\n");
        BuildResult r = new BuildEngine(Toolchain.fromPath()).build(ProjectManifest.load(dir), BuildListener.NONE, new CancelToken());
        assertTrue(r.success(), () -> r.problems().toString());
        // dependency tracking through a path with spaces: touching the header rebuilds main.c only
        Files.setLastModifiedTime(dir.resolve("my header.h"), FileTime.fromMillis(System.currentTimeMillis() + 5000));
        BuildResult r2 = new BuildEngine(Toolchain.fromPath()).build(ProjectManifest.load(dir), BuildListener.NONE, new CancelToken());
        assertEquals(List.of(dir.resolve("main.c")), r2.compiled());
        ILaunch launch = config(project("spaced", dir)).launch(ILaunchManager.RUN_MODE, null);
        waitFor(launch::isTerminated, 60, "run");
        UnikernelProcess q = (UnikernelProcess) launch.getProcesses()[0];
        assertTrue(q.serialText().contains("hola, ñandú"), q.serialText());
        assertEquals(7, q.getExitValue());
    }

    @Test
    void badManifestValuesAreFileLineErrors() throws Exception {
        Path dir = app(tmp.resolve("bad"), "bad", kernel().toString(), Fixtures.SPIN);
        String good = Files.readString(dir.resolve("unikernel.toml"));
        String[][] cases = {
                { good + "[run]\nmemory = 8\n", "unikernel.toml:7: 'memory' = 8 is out of range 16..4096" },
                { good + "[run]\ncpus = \"two\"\n", "unikernel.toml:7: 'cpus' must be an integer" },
                { good + "[run]\ncpus = 9\n", "unikernel.toml:7: 'cpus' = 9 is out of range 1..8" },
                { good + "[run]\nsmp = 2\n", "unikernel.toml:7: unknown key 'smp'" },
                { good + "cflags = \"-O2\"\n", "unikernel.toml:6: 'cflags' must be an array" },
                { good + "[network]\n", "unikernel.toml:6: unknown section" },
                { good.replace("name = \"bad\"", "name = \"bad name\""),
                        "unikernel.toml:2: bad value for 'name': \"bad name\" (letters, digits, '_', '.', '-' only)" },
                { good + "[run]\ntimeout = -1\n", "unikernel.toml:7: 'timeout' = -1 is out of range 0..86400" },
                { good.replace("kernel = \"", "kernel = \"/nonexistent"), "unikernel.toml:3: kernel = \"/nonexistent" + kernel()
                        + "\": no kernel.toml in " + Path.of("/nonexistent" + kernel()).normalize() },
                { good + "[run]\nqemu-args = [\"-cpu\", \"max\",\n  \"-s\"]\n", "unikernel.toml:8: qemu-args: QEMU argument '-s' is "
                        + "refused: -s opens a gdbstub on every network interface (0.0.0.0:1234)" },
        };
        for (String[] c : cases) {
            Files.writeString(dir.resolve("unikernel.toml"), c[0]);
            ManifestException e = assertThrows(ManifestException.class, () -> ProjectManifest.load(dir), c[0]);
            assertTrue(e.getMessage().startsWith(c[1]), e.getMessage() + " / expected " + c[1] + " for\n" + c[0]);
        }
        assertFalse(Files.exists(dir.resolve("build")), "nothing built");
    }

    @Test
    void badManifestStopsTheLaunchWithFileLineAndBuildsNothing() throws Exception {
        Path dir = app(tmp.resolve("badl"), "badl", kernel().toString(), Fixtures.SPIN);
        Files.writeString(dir.resolve("unikernel.toml"), Files.readString(dir.resolve("unikernel.toml")) + "[run]\nmemory = 8\n");
        IProject p = project("badl", dir);
        for (String mode : List.of(ILaunchManager.RUN_MODE, ILaunchManager.DEBUG_MODE)) {
            CoreException e = assertThrows(CoreException.class, () -> config(p).launch(mode, null));
            assertTrue(e.getMessage().contains("unikernel.toml:7:") && e.getMessage().contains("memory"), e.getMessage());
        }
        p.build(IncrementalProjectBuilder.FULL_BUILD, null);
        IMarker[] errors = Arrays.stream(p.findMarkers(IMarker.PROBLEM, true, IResource.DEPTH_INFINITE))
                .filter(m -> m.getAttribute(IMarker.SEVERITY, -1) == IMarker.SEVERITY_ERROR).toArray(IMarker[]::new);
        assertEquals(1, errors.length, Arrays.toString(errors));
        assertEquals("unikernel.toml", errors[0].getResource().getName());
        assertEquals(7, errors[0].getAttribute(IMarker.LINE_NUMBER, -1));
        assertFalse(Files.exists(dir.resolve("build/obj")), "no object built");
        assertFalse(Files.exists(dir.resolve("build/badl.img")), "no image built");
    }

    /** docs/CONTRACTS.md §4 in debug mode too: a gdbstub or an open endpoint in the QEMU arguments starts nothing. */
    @Test
    void gdbstubInQemuArgumentsStopsTheDebugLaunchBeforeAnythingStarts() throws Exception {
        Path dir = app(tmp.resolve("gdbargs"), "gdbargs", kernel().toString(), Fixtures.SPIN);
        IProject p = project("gdbargs", dir);
        var wc = config(p);
        wc.setAttribute(org.ruedo.launch.LaunchConstants.ATTR_EXTRA_ARGS, "-cpu max --gdb tcp::1234");
        CoreException e = assertThrows(CoreException.class, () -> wc.launch(ILaunchManager.DEBUG_MODE, null));
        assertTrue(e.getMessage().contains("QEMU argument '--gdb' is refused: -gdb opens a gdbstub Ruedo does not control. "
                + "Ruedo's gdbstub is always bound to 127.0.0.1"), e.getMessage());
        // and from the manifest: unikernel.toml:LINE
        wc.setAttribute(org.ruedo.launch.LaunchConstants.ATTR_EXTRA_ARGS, "");
        Files.writeString(dir.resolve("unikernel.toml"), Files.readString(dir.resolve("unikernel.toml"))
                + "[run]\nqemu-args = [\"-serial\", \"tcp::4444,server\"]\n");
        for (String mode : List.of(ILaunchManager.RUN_MODE, ILaunchManager.DEBUG_MODE)) {
            CoreException m = assertThrows(CoreException.class, () -> wc.launch(mode, null));
            assertTrue(m.getMessage().startsWith("unikernel.toml:7: qemu-args: QEMU argument '-serial tcp::4444,server' is refused: "
                    + "its tcp endpoint has no host"), m.getMessage());
        }
        assertEquals(0, org.eclipse.debug.core.DebugPlugin.getDefault().getLaunchManager().getDebugTargets().length, "no debug session");
        assertTrue(ProcessHandle.current().descendants().noneMatch(h -> h.isAlive()
                && h.info().commandLine().map(c -> c.contains(dir.toString())).orElse(false)), "no QEMU or gdb for " + dir);
        assertFalse(Files.exists(dir.resolve("build/gdbargs.img")), "nothing built");
    }
}
