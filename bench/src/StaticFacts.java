import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.ruedo.core.manifest.ProjectManifest;

/** Facts that are not timings: the context switch's instruction count, image and ELF sizes. */
final class StaticFacts extends BenchSupport {
    static void staticFacts(Path hello, Path multicore) throws Exception {
        ProjectManifest h = ProjectManifest.load(hello);
        String dis = capture(List.of("objdump", "-d", "--no-show-raw-insn", h.elf().toString()));
        int n = 0;
        boolean in = false;
        for (String l : dis.split("\n")) {
            if (l.endsWith("<switch_context>:")) {
                in = true;
                continue;
            }
            if (in && l.isBlank()) {
                break;
            }
            if (in && l.contains(":\t")) {
                n++;
            }
        }
        facts.add("context switch routine (switch_context): " + n + " instructions");
        for (Path p : List.of(hello, multicore)) {
            ProjectManifest m = ProjectManifest.load(p);
            facts.add(String.format(Locale.ROOT, "%s: image %d bytes, ELF (with DWARF) %d bytes", m.name(), Files.size(m.image()),
                    Files.size(m.elf())));
        }
    }
}
