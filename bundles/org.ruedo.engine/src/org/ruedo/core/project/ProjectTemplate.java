package org.ruedo.core.project;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

import org.ruedo.core.manifest.ManifestEditor;
import org.ruedo.core.manifest.ProjectManifest;

/**
 * A new unikernel project made from a template: the one thing File &gt; New &gt; Unikernel Project and
 * {@code ruedo new} both call, so both make the same tree. The project holds the kernel sources under
 * {@code kernel/} (so a user can step into and change them), the template app's top-level files at its root
 * ({@code kernel/examples/<template>/}), its {@code unikernel.toml} with the project's name, {@code kernel = "kernel"}
 * and the chosen CPU count, and an Eclipse {@code .project} with the Ruedo nature and builder plus the UTF-8 project
 * encoding in {@code .settings/} (so File &gt; Import &gt; Existing Projects takes a {@code ruedo new} project as it is). Eclipse metadata and build output inside the
 * kernel tree ({@code .project}, {@code build/}) are not template content and are left out.
 */
public final class ProjectTemplate {
    /** The kernel tree a template is taken from. */
    public interface Source {
        /** Relative paths ('/'-separated) of every file of the kernel tree ({@link #isTemplateContent} filters them). */
        List<String> files() throws IOException;

        /** Opens one of {@link #files()}. */
        InputStream open(String relativePath) throws IOException;
    }

    /** Examples that are not templates: {@code crash} shows a crash report, it is no project to start from. */
    private static final List<String> NOT_TEMPLATES = List.of("crash");

    private ProjectTemplate() {
    }

    /** A kernel tree on disk (the repository's {@code kernel/}). */
    public static Source directory(Path kernelDir) {
        return new Source() {
            @Override
            public List<String> files() throws IOException {
                try (Stream<Path> s = Files.walk(kernelDir)) {
                    return s.filter(Files::isRegularFile).map(f -> kernelDir.relativize(f).toString().replace('\\', '/'))
                            .filter(ProjectTemplate::isTemplateContent).sorted().toList();
                }
            }

            @Override
            public InputStream open(String relativePath) throws IOException {
                return Files.newInputStream(kernelDir.resolve(relativePath));
            }
        };
    }

    /** Whether a kernel-tree file belongs in a new project (not build output, not an Eclipse .project). */
    public static boolean isTemplateContent(String rel) {
        return !rel.isEmpty() && !rel.endsWith("/") && !rel.startsWith("build/") && !rel.contains("/build/")
                && !rel.equals(".project") && !rel.endsWith("/.project");
    }

    /** The templates a source offers: its examples with a manifest, {@code hello} first, then by name. */
    public static List<String> templates(Source src) throws IOException {
        return src.files().stream().filter(ProjectTemplate::isTemplateContent).filter(f -> f.startsWith("examples/") && f.endsWith("/" + ProjectManifest.FILE))
                .map(f -> f.substring("examples/".length(), f.length() - ProjectManifest.FILE.length() - 1))
                .filter(t -> !t.contains("/") && !NOT_TEMPLATES.contains(t))
                .sorted((a, b) -> a.equals("hello") ? -1 : b.equals("hello") ? 1 : a.compareTo(b)).toList();
    }

    /** The name a project gets in its manifest: the project name with characters outside {@code [A-Za-z0-9_.-]} as '_'. */
    public static String manifestName(String projectName) {
        return projectName.replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    /**
     * Writes the project into {@code dir} (created if needed; files already there with the same names are replaced:
     * callers check that the directory is new or empty).
     *
     * @throws IOException also when {@code template} is not one of {@link #templates}
     */
    public static void create(Source src, Path dir, String template, String projectName, int cpus) throws IOException {
        List<String> files = src.files().stream().filter(ProjectTemplate::isTemplateContent).toList();
        String prefix = "examples/" + template + "/";
        if (!templates(src).contains(template)) {
            throw new IOException("no template '" + template + "' (templates: " + String.join(", ", templates(src)) + ")");
        }
        Files.createDirectories(dir);
        for (String f : files) {
            Path target = dir.resolve("kernel").resolve(f);
            Files.createDirectories(target.getParent());
            try (InputStream in = src.open(f)) {
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
            if (f.endsWith(".sh")) {
                target.toFile().setExecutable(true);
            }
        }
        for (String f : files) {
            String rest = f.substring(Math.min(prefix.length(), f.length()));
            if (f.startsWith(prefix) && !rest.contains("/") && !rest.equals(ProjectManifest.FILE)) {
                try (InputStream in = src.open(f)) {
                    Files.copy(in, dir.resolve(rest), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        String manifest;
        try (InputStream in = src.open(prefix + ProjectManifest.FILE)) {
            manifest = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        manifest = new ManifestEditor(manifest).setString("project", "name", manifestName(projectName))
                .setString("project", "kernel", "kernel").setInt("run", "cpus", cpus).text();
        Files.writeString(dir.resolve(ProjectManifest.FILE), manifest);
        Files.writeString(dir.resolve(".project"), eclipseProject(projectName));
        // the explicit encoding Eclipse (4.24 and later) gives a new project; the sources are UTF-8
        Files.createDirectories(dir.resolve(".settings"));
        Files.writeString(dir.resolve(".settings/org.eclipse.core.resources.prefs"),
                "eclipse.preferences.version=1\nencoding/<project>=UTF-8\n");
    }

    /** The {@code .project} Eclipse writes for a project with the Ruedo nature and builder (its own format, tabs included). */
    static String eclipseProject(String name) {
        String n = name.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<projectDescription>\n\t<name>" + n + "</name>\n\t<comment></comment>\n"
                + "\t<projects>\n\t</projects>\n\t<buildSpec>\n\t\t<buildCommand>\n\t\t\t<name>org.ruedo.core.builder</name>\n"
                + "\t\t\t<arguments>\n\t\t\t</arguments>\n\t\t</buildCommand>\n\t</buildSpec>\n\t<natures>\n"
                + "\t\t<nature>org.ruedo.core.nature</nature>\n\t</natures>\n</projectDescription>\n";
    }
}
