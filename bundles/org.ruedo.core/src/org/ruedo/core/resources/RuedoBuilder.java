package org.ruedo.core.resources;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import org.eclipse.core.resources.IFolder;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.IResourceDelta;
import org.eclipse.core.resources.IncrementalProjectBuilder;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.ruedo.core.build.BuildEngine;
import org.ruedo.core.build.BuildListener;
import org.ruedo.core.build.BuildResult;
import org.ruedo.core.build.CancelToken;
import org.ruedo.core.build.Problem;
import org.ruedo.core.manifest.ManifestException;
import org.ruedo.core.manifest.ProjectManifest;
import org.ruedo.core.toolchain.ToolchainException;

/**
 * The Eclipse builder of Ruedo projects: runs the {@link BuildEngine} on the project's directory,
 * turns diagnostics and manifest errors into markers, reports output to {@link BuildConsoles} and
 * refreshes build/.
 */
public class RuedoBuilder extends IncrementalProjectBuilder {
    /** Builder id. */
    public static final String ID = "org.ruedo.core.builder";

    /**
     * Builds unless the only changes since the last build are the builder's own output. Returns the
     * workspace projects holding the kernel (when it is not inside this project), so that editing a
     * kernel file there rebuilds this project too.
     */
    @Override
    protected IProject[] build(int kind, Map<String, String> args, IProgressMonitor monitor) throws CoreException {
        IProject p = getProject();
        ProjectManifest m = null;
        ManifestException bad = null;
        try {
            m = ProjectManifest.load(p.getLocation().toPath());
        } catch (ManifestException e) {
            bad = e;
        }
        IProject[] kernelProjects = m == null ? new IProject[0] : kernelProjects(p, m.kernel().dir());
        if (kind != FULL_BUILD && onlyBuildOutputChanged(getDelta(p)) && outputsPresent(m)
                && Arrays.stream(kernelProjects).allMatch(k -> unchanged(getDelta(k)))) {
            return kernelProjects;
        }
        if (bad != null) {
            // on the file that is wrong (unikernel.toml, or kernel.toml when it is in the workspace), at its line
            BuildConsoles.started(p);
            ProblemMarkers.clear(p);
            ProblemMarkers.addManifestError(p, bad);
            BuildConsoles.forProject(p).line(bad.getMessage(), BuildListener.Kind.ERROR);
        } else {
            buildProject(p, m, monitor);
        }
        return kernelProjects;
    }

    /** Other open projects whose directory holds (or is) the kernel directory. */
    private static IProject[] kernelProjects(IProject p, Path kernel) {
        return Arrays.stream(ResourcesPlugin.getWorkspace().getRoot().getProjects())
                .filter(o -> !o.equals(p) && o.isOpen() && o.getLocation() != null && kernel.startsWith(o.getLocation().toPath())
                        && !p.getLocation().toPath().startsWith(o.getLocation().toPath()))
                .toArray(IProject[]::new);
    }

    /** True when the ELF and the image exist (a deleted output is rebuilt even if nothing else changed). */
    private static boolean outputsPresent(ProjectManifest m) {
        return m == null || Files.isRegularFile(m.elf()) && Files.isRegularFile(m.image());
    }

    /** True when a related project's delta shows no change (null means unknown: treat as changed). */
    private static boolean unchanged(IResourceDelta delta) {
        return delta != null && delta.getAffectedChildren().length == 0;
    }

    /** True when the delta only touches build/ (our own output being refreshed). */
    private static boolean onlyBuildOutputChanged(IResourceDelta delta) throws CoreException {
        if (delta == null) {
            return false;
        }
        boolean[] other = { false };
        delta.accept(d -> {
            IResource r = d.getResource();
            if (r.getType() == IResource.FILE && !r.getProjectRelativePath().toString().startsWith("build/")) {
                other[0] = true;
            }
            return !other[0];
        });
        return !other[0];
    }

    private static void buildProject(IProject p, ProjectManifest m, IProgressMonitor monitor) throws CoreException {
        SubMonitor sub = SubMonitor.convert(monitor, "Building unikernel " + p.getName(), 100);
        BuildConsoles.started(p);
        BuildListener out = BuildConsoles.forProject(p);
        BuildResult r;
        try {
            r = new BuildEngine(ToolchainPreferences.toolchain()).build(m, new BuildListener() {
                private int reported;

                @Override
                public void line(String text, Kind kind) {
                    out.line(text, kind);
                }

                /** Compiles are 80 of the 100 ticks; called from the compile threads, so one at a time. */
                @Override
                public synchronized void progress(String step, int done, int total) {
                    sub.subTask(step + " " + done + "/" + total);
                    int target = total == 0 ? 80 : Math.min(80, done * 80 / total);
                    if (target > reported) {
                        sub.worked(target - reported);
                        reported = target;
                    }
                }
            }, new CancelToken(sub::isCanceled));
        } catch (ToolchainException e) {
            ProblemMarkers.clear(p);
            ProblemMarkers.addProjectError(p, e.getMessage());
            out.line(e.getMessage(), BuildListener.Kind.ERROR);
            return;
        } catch (IOException e) {
            throw new CoreException(Status.error("Ruedo build of " + p.getName() + " failed: " + e.getMessage(), e));
        }
        sub.setWorkRemaining(20);
        if (r.cancelled()) {
            throw new OperationCanceledException();
        }
        // the result lists the whole project's problems (the engine replays up-to-date objects' warnings),
        // so they replace the previous markers, including a manifest or toolchain error that is now fixed
        ProblemMarkers.clear(p);
        for (Problem pr : r.problems()) {
            ProblemMarkers.add(p, pr);
        }
        refreshOutput(p, sub.split(10));
    }

    private static void refreshOutput(IProject p, IProgressMonitor monitor) throws CoreException {
        IFolder build = p.getFolder("build");
        build.refreshLocal(IResource.DEPTH_INFINITE, monitor);
        if (build.exists() && !build.isDerived()) {
            build.setDerived(true, monitor);
        }
    }

    @Override
    protected void clean(IProgressMonitor monitor) throws CoreException {
        IProject p = getProject();
        ProblemMarkers.clear(p);
        try {
            BuildEngine.clean(p.getLocation().toPath());
        } catch (IOException e) {
            throw new CoreException(Status.error("cannot clean " + p.getName() + ": " + e.getMessage(), e));
        }
        p.getFolder("build").refreshLocal(IResource.DEPTH_INFINITE, monitor);
    }
}
