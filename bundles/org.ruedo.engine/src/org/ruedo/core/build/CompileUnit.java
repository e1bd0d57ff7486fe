package org.ruedo.core.build;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.ruedo.core.manifest.KernelManifest;
import org.ruedo.core.manifest.ProjectManifest;

/**
 * One compilation unit: a source, its object and the exact gcc command (CONTRACTS.md §2) that makes it.
 * {@link #of} gives a project's units in manifest order, kernel first.
 */
record CompileUnit(Path source, Path object, List<String> command) {

    /** The project's units: every kernel source, then every app source, with their objects under build/obj. */
    static List<CompileUnit> of(ProjectManifest m, Path gcc, List<Path> kernelSources, List<Path> appSources) {
        KernelManifest k = m.kernel();
        Path build = m.buildDir();
        List<String> kernelIncludes = k.include().stream().map(i -> "-I" + k.dir().resolve(i).normalize()).toList();
        List<String> appIncludes = m.include().stream().map(i -> "-I" + m.dir().resolve(i).normalize()).toList();
        List<CompileUnit> units = new ArrayList<>(kernelSources.size() + appSources.size());
        for (Path src : kernelSources) {
            units.add(unit(gcc, src, build.resolve("obj/kernel").resolve(k.dir().relativize(src) + ".o"), kernelIncludes, List.of(),
                    k.cflags()));
        }
        for (Path src : appSources) {
            units.add(unit(gcc, src, build.resolve("obj/app").resolve(m.dir().relativize(src) + ".o"), kernelIncludes, appIncludes,
                    m.cflags()));
        }
        return units;
    }

    private static CompileUnit unit(Path gcc, Path src, Path obj, List<String> kernelIncludes, List<String> appIncludes,
            List<String> extra) {
        List<String> cmd = new ArrayList<>();
        cmd.add(gcc.toString());
        boolean asm = src.toString().endsWith(".S") || src.toString().endsWith(".s");
        cmd.addAll(asm ? BuildEngine.S_FLAGS : BuildEngine.C_FLAGS);
        cmd.addAll(kernelIncludes);
        cmd.addAll(appIncludes);
        if (!asm) {
            cmd.addAll(extra);
        }
        cmd.addAll(List.of("-c", src.toString(), "-o", obj.toString()));
        return new CompileUnit(src, obj, List.copyOf(cmd));
    }
}
