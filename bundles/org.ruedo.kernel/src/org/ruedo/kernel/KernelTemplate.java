package org.ruedo.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * The Ruedo kernel sources shipped inside this bundle (the repository's kernel/ at build time), used as
 * the template of new unikernel projects: the kernel is copied into the project so a user can step into
 * and change it.
 */
public final class KernelTemplate {
    /** Root folder of the template inside the bundle. */
    public static final String ROOT = "kernel";

    private KernelTemplate() {
    }

    /** Relative paths of every template file (e.g. {@code lib/printk.c}, {@code examples/hello/main.c}). */
    public static List<String> files() {
        Bundle b = FrameworkUtil.getBundle(KernelTemplate.class);
        List<String> out = new ArrayList<>();
        Enumeration<URL> e = b.findEntries(ROOT, "*", true);
        while (e != null && e.hasMoreElements()) {
            String p = e.nextElement().getPath();
            int i = p.indexOf("/" + ROOT + "/");
            String rel = p.substring(i + ROOT.length() + 2);
            if (!rel.isEmpty() && !rel.endsWith("/") && !rel.contains("/build/") && !rel.startsWith("build/")) {
                out.add(rel);
            }
        }
        out.sort(null);
        return out;
    }

    /** The example apps (subdirectories of examples/). */
    public static List<String> examples() {
        return files().stream().filter(f -> f.startsWith("examples/") && f.endsWith("/unikernel.toml"))
                .map(f -> f.substring("examples/".length(), f.length() - "/unikernel.toml".length())).sorted().toList();
    }

    /** Opens one template file. */
    public static InputStream open(String relativePath) throws IOException {
        URL u = FrameworkUtil.getBundle(KernelTemplate.class).getEntry(ROOT + "/" + relativePath);
        if (u == null) {
            throw new IOException("not in the kernel template: " + relativePath);
        }
        return u.openStream();
    }

    /** Copies the whole kernel tree into {@code dest} (created if needed); returns the number of files. */
    public static int copyTo(Path dest) throws IOException {
        int n = 0;
        for (String f : files()) {
            Path target = dest.resolve(f);
            Files.createDirectories(target.getParent());
            try (InputStream in = open(f)) {
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
            if (f.endsWith(".sh")) {
                target.toFile().setExecutable(true);
            }
            n++;
        }
        return n;
    }
}
