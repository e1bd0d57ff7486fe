package org.ruedo.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IProjectDescription;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.IncrementalProjectBuilder;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ruedo.core.resources.BuildConsoles;
import org.ruedo.core.resources.ProblemMarkers;
import org.ruedo.core.resources.RuedoNature;
import org.ruedo.core.resources.RuedoProjects;
import org.ruedo.tests.support.WorkspaceProjects;

/** The Eclipse builder in a real workspace: image built, error marker on the broken line, gone when fixed. */
class BuilderPluginTest {
    @TempDir
    Path tmp;
    private IProject project;

    @AfterEach
    void delete() throws Exception {
        if (project != null && project.exists()) {
            project.delete(true, true, new NullProgressMonitor());
        }
    }

    private IMarker[] errors() throws org.eclipse.core.runtime.CoreException {
        return Arrays.stream(project.findMarkers(ProblemMarkers.TYPE, true, IResource.DEPTH_INFINITE))
                .filter(m -> m.getAttribute(IMarker.SEVERITY, -1) == IMarker.SEVERITY_ERROR).toArray(IMarker[]::new);
    }

    @Test
    void buildsMarksAndUnmarks() throws Exception {
        Path dir = Fixtures.appProject(tmp.resolve("ws-app"), "wsapp");
        project = WorkspaceProjects.open("wsapp", dir);
        assertTrue(project.hasNature(RuedoNature.ID));
        assertTrue(Arrays.stream(project.getDescription().getBuildSpec()).anyMatch(c -> c.getBuilderName().equals("org.ruedo.core.builder")));

        java.util.List<String> console = new java.util.concurrent.CopyOnWriteArrayList<>();
        BuildConsoles.Listener listener = (p, text, kind) -> {
            if (p.equals(project)) {
                console.add(kind + " " + text);
            }
        };
        BuildConsoles.addListener(listener);
        try {
            project.build(IncrementalProjectBuilder.FULL_BUILD, null);
        } finally {
            BuildConsoles.removeListener(listener);
        }
        assertTrue(console.stream().anyMatch(l -> l.startsWith("COMMAND ") && l.contains("-ffreestanding")
                && l.contains(dir.resolve("main.c").toString())), () -> "the compile commands reach the console: " + console);
        assertTrue(console.stream().anyMatch(l -> l.startsWith("COMMAND ") && l.contains("objcopy -O binary")), console::toString);
        IMarker[] none = errors();
        assertEquals(0, none.length, () -> Arrays.toString(none));
        assertTrue(Files.isRegularFile(dir.resolve("build/wsapp.elf")));
        assertTrue(Files.size(dir.resolve("build/wsapp.img")) > 4096);
        assertTrue(project.getFolder("build").isDerived());
        assertTrue(project.getFile("build/wsapp.img").exists(), "build/ refreshed into the workspace");

        // a deleted image is rebuilt by the next incremental build, though only build/ changed
        project.getFile("build/wsapp.img").delete(true, null);
        project.build(IncrementalProjectBuilder.INCREMENTAL_BUILD, null);
        assertTrue(Files.size(dir.resolve("build/wsapp.img")) > 4096, "image rebuilt");
        assertTrue(project.getFile("build/wsapp.img").exists());

        IFile main = project.getFile("main.c");
        main.setContents(new ByteArrayInputStream(Fixtures.MAIN_BROKEN.getBytes(StandardCharsets.UTF_8)), true, false, null);
        project.build(IncrementalProjectBuilder.INCREMENTAL_BUILD, null);
        IMarker[] errs = errors();
        assertTrue(errs.length >= 1);
        assertEquals(main, errs[0].getResource());
        assertEquals(6, errs[0].getAttribute(IMarker.LINE_NUMBER, -1));
        assertTrue(errs[0].getAttribute(IMarker.MESSAGE, "").contains("expected ';'"));

        main.setContents(new ByteArrayInputStream(Fixtures.MAIN_OK.getBytes(StandardCharsets.UTF_8)), true, false, null);
        project.build(IncrementalProjectBuilder.INCREMENTAL_BUILD, null);
        IMarker[] fixed = errors();
        assertEquals(0, fixed.length, () -> Arrays.toString(fixed));
    }

    @Test
    void manifestErrorIsAMarkerAtItsLine() throws Exception {
        Path dir = Fixtures.appProject(tmp.resolve("bad"), "badapp");
        Files.writeString(dir.resolve("unikernel.toml"), Files.readString(dir.resolve("unikernel.toml")) + "[run]\ncpus = 99\n");
        project = WorkspaceProjects.open("badapp", dir);
        project.build(IncrementalProjectBuilder.FULL_BUILD, null);
        IMarker[] errs = errors();
        assertEquals(1, errs.length);
        assertEquals("unikernel.toml", errs[0].getResource().getName());
        assertEquals(10, errs[0].getAttribute(IMarker.LINE_NUMBER, -1), "line of cpus = 99");
        assertTrue(!Files.exists(dir.resolve("build/badapp.img")), "nothing built from a bad manifest");
    }

    private IProject importProject(Path dir, String name) throws Exception {
        IProject p = WorkspaceProjects.open(name, dir);
        assertTrue(RuedoProjects.isRuedoProject(p));
        return p;
    }

    @Test
    void fixedManifestClearsItsMarkerEvenWhenNothingIsRebuilt() throws Exception {
        Path dir = Fixtures.appProject(tmp.resolve("fix"), "fixapp");
        project = importProject(dir, "fixapp");
        project.build(IncrementalProjectBuilder.FULL_BUILD, null);
        assertEquals(0, errors().length);
        IFile toml = project.getFile("unikernel.toml");
        String good = Files.readString(dir.resolve("unikernel.toml"));
        toml.setContents(new ByteArrayInputStream((good + "[run]\ncpus = 0\n").getBytes(StandardCharsets.UTF_8)), true, false, null);
        project.build(IncrementalProjectBuilder.INCREMENTAL_BUILD, null);
        IMarker[] errs = errors();
        assertEquals(1, errs.length);
        assertEquals(toml, errs[0].getResource());
        assertEquals(10, errs[0].getAttribute(IMarker.LINE_NUMBER, -1));
        toml.setContents(new ByteArrayInputStream(good.getBytes(StandardCharsets.UTF_8)), true, false, null);
        project.build(IncrementalProjectBuilder.INCREMENTAL_BUILD, null);
        IMarker[] after = errors();
        assertEquals(0, after.length, () -> Arrays.toString(after));

        // clean deletes build/ and the markers, even with a broken manifest
        toml.setContents(new ByteArrayInputStream((good + "[oops]\n").getBytes(StandardCharsets.UTF_8)), true, false, null);
        project.build(IncrementalProjectBuilder.INCREMENTAL_BUILD, null);
        assertEquals(1, errors().length);
        project.build(IncrementalProjectBuilder.CLEAN_BUILD, null);
        assertEquals(0, errors().length);
        assertTrue(!Files.exists(dir.resolve("build")), "build/ deleted");
        assertTrue(!project.getFolder("build").exists(), "and refreshed away in the workspace");
    }

    @Test
    void kernelProblemsGoOnTheKernelFileOrTheManifest() throws Exception {
        // kernel outside the workspace: an error in kernel.toml is reported on unikernel.toml with its location
        Path k = TinyKernel.write(tmp.resolve("tinyk"), true);
        Path dir = TinyKernel.app(tmp.resolve("tinyapp"), k, "    return 0;");
        Files.writeString(k.resolve("kernel.toml"), Files.readString(k.resolve("kernel.toml")).replace("symbols = true", "symbols = 1"));
        project = importProject(dir, "tinyapp");
        project.build(IncrementalProjectBuilder.FULL_BUILD, null);
        IMarker[] errs = errors();
        assertEquals(1, errs.length);
        assertEquals("unikernel.toml", errs[0].getResource().getName());
        assertEquals(-1, errs[0].getAttribute(IMarker.LINE_NUMBER, -1), "the line is kernel.toml's, not unikernel.toml's");
        assertTrue(errs[0].getAttribute(IMarker.MESSAGE, "").contains(k.resolve("kernel.toml") + ":7:"),
                errs[0].getAttribute(IMarker.MESSAGE, ""));

        // the kernel as a workspace project of its own: the marker goes on its kernel.toml at the line,
        // and a compile error in a kernel file goes on that file; the app's next good build removes both
        IProject kp = ResourcesPlugin.getWorkspace().getRoot().getProject("tinyk");
        IProjectDescription d = ResourcesPlugin.getWorkspace().newProjectDescription("tinyk");
        d.setLocation(org.eclipse.core.runtime.IPath.fromPath(k));
        kp.create(d, null);
        kp.open(null);
        try {
            project.build(IncrementalProjectBuilder.FULL_BUILD, null);
            IMarker[] km = kp.findMarkers(ProblemMarkers.TYPE, true, IResource.DEPTH_INFINITE);
            assertEquals(1, km.length);
            assertEquals(kp.getFile("kernel.toml"), km[0].getResource());
            assertEquals(7, km[0].getAttribute(IMarker.LINE_NUMBER, -1));

            IFile kt = kp.getFile("kernel.toml");
            kt.setContents(new ByteArrayInputStream(Files.readString(k.resolve("kernel.toml")).replace("symbols = 1", "symbols = true")
                    .getBytes(StandardCharsets.UTF_8)), true, false, null);
            IFile kmain = kp.getFile("kmain.c");
            kmain.setContents(new ByteArrayInputStream("#include <tiny.h>\n\nvoid kmain(void)\n{\n    main()\n}\n"
                    .getBytes(StandardCharsets.UTF_8)), true, false, null);
            project.build(IncrementalProjectBuilder.FULL_BUILD, null);
            km = kp.findMarkers(ProblemMarkers.TYPE, true, IResource.DEPTH_INFINITE);
            IMarker[] kmNow = km;
            assertEquals(1, km.length, () -> "only the C error: " + Arrays.toString(kmNow));
            assertEquals(kmain, km[0].getResource());
            assertEquals(5, km[0].getAttribute(IMarker.LINE_NUMBER, -1));

            kmain.setContents(new ByteArrayInputStream("#include <tiny.h>\n\nvoid kmain(void)\n{\n    main();\n}\n"
                    .getBytes(StandardCharsets.UTF_8)), true, false, null);
            // an incremental build of the app: only the kernel project changed, that is enough to rebuild
            project.build(IncrementalProjectBuilder.INCREMENTAL_BUILD, null);
            assertEquals(0, kp.findMarkers(ProblemMarkers.TYPE, true, IResource.DEPTH_INFINITE).length);
            assertEquals(0, errors().length);
            assertTrue(Files.isRegularFile(dir.resolve("build/tiny.img")));
        } finally {
            kp.delete(false, true, null);
        }
    }

    @Test
    void invalidGlobIsAMarkerAtItsLineNotAnInternalError() throws Exception {
        Path k = TinyKernel.write(tmp.resolve("globk"), true);
        Path dir = TinyKernel.app(tmp.resolve("globapp"), k, "    return 0;");
        String head = Files.readString(dir.resolve("unikernel.toml"));        // [project] on lines 1-3
        Files.writeString(dir.resolve("unikernel.toml"), head + "[app]\nsources = [\n  \"*.c\",\n  \"{main.c\",\n]\n");
        project = importProject(dir, "globapp");
        project.build(IncrementalProjectBuilder.FULL_BUILD, null);     // a PatternSyntaxException here would fail the test
        IMarker[] errs = errors();
        assertEquals(1, errs.length, () -> Arrays.toString(errs));
        assertEquals(project.getFile("unikernel.toml"), errs[0].getResource());
        assertEquals(7, errs[0].getAttribute(IMarker.LINE_NUMBER, -1), "the line of \"{main.c\"");
        assertTrue(errs[0].getAttribute(IMarker.MESSAGE, "").contains("invalid glob \"{main.c\""), errs[0].getAttribute(IMarker.MESSAGE, ""));
        assertTrue(!Files.exists(dir.resolve("build")), "nothing built");

        // a valid glob that selects nothing: a marker at the sources line, still nothing built
        IFile toml = project.getFile("unikernel.toml");
        toml.setContents(new ByteArrayInputStream((head + "[app]\nsources = [\"src/*.c\"]\n").getBytes(StandardCharsets.UTF_8)),
                true, false, null);
        project.build(IncrementalProjectBuilder.INCREMENTAL_BUILD, null);
        IMarker[] none = errors();
        assertEquals(1, none.length, () -> Arrays.toString(none));
        assertEquals(toml, none[0].getResource());
        assertEquals(5, none[0].getAttribute(IMarker.LINE_NUMBER, -1));
        assertTrue(none[0].getAttribute(IMarker.MESSAGE, "").startsWith("no source file (.c, .S, .s) matches [app] sources"),
                none[0].getAttribute(IMarker.MESSAGE, ""));
        assertTrue(!Files.exists(dir.resolve("build")), "nothing built");

        // fixed: builds, markers gone
        toml.setContents(new ByteArrayInputStream((head + "[app]\nsources = [\"*.c\"]\n").getBytes(StandardCharsets.UTF_8)),
                true, false, null);
        project.build(IncrementalProjectBuilder.INCREMENTAL_BUILD, null);
        IMarker[] after = errors();
        assertEquals(0, after.length, () -> Arrays.toString(after));
        assertTrue(Files.isRegularFile(dir.resolve("build/tiny.img")));
    }

    @Test
    void toolPreferencesChooseTheCompiler() throws Exception {
        // the IDE preference page stores tool paths in InstanceScope node org.ruedo.core, keys tool.gcc ...
        org.eclipse.core.runtime.preferences.IEclipsePreferences prefs =
                org.eclipse.core.runtime.preferences.InstanceScope.INSTANCE.getNode("org.ruedo.core");
        Path k = TinyKernel.write(tmp.resolve("prefk"), true);
        Path dir = TinyKernel.app(tmp.resolve("prefapp"), k, "    return 0;");
        project = importProject(dir, "prefapp");
        try {
            prefs.put("tool.gcc", tmp.resolve("no/such/gcc").toString());
            project.build(IncrementalProjectBuilder.FULL_BUILD, null);
            IMarker[] errs = errors();
            assertEquals(1, errs.length, () -> Arrays.toString(errs));
            String msg = errs[0].getAttribute(IMarker.MESSAGE, "");
            assertTrue(msg.contains(tmp.resolve("no/such/gcc").toString()) && msg.contains("Debian package gcc"), msg);
            assertTrue(!Files.exists(dir.resolve("build/tiny.img")));

            // a wrapper that records each call, then runs the real gcc
            Path log = tmp.resolve("gcc-calls.log");
            Path wrapper = tmp.resolve("bin/my-gcc");
            Files.createDirectories(wrapper.getParent());
            Files.writeString(wrapper, "#!/bin/sh\necho \"$@\" >> '" + log + "'\nexec gcc \"$@\"\n");
            assertTrue(wrapper.toFile().setExecutable(true));
            prefs.put("tool.gcc", wrapper.toString());
            project.build(IncrementalProjectBuilder.FULL_BUILD, null);
            IMarker[] after = errors();
            assertEquals(0, after.length, () -> Arrays.toString(after));
            assertTrue(Files.isRegularFile(dir.resolve("build/tiny.img")));
            String calls = Files.readString(log);
            assertTrue(calls.contains(dir.resolve("main.c").toString()) && calls.contains(k.resolve("kmain.c").toString()), calls);
        } finally {
            prefs.remove("tool.gcc");
        }
    }
}
