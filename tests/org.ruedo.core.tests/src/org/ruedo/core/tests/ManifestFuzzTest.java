package org.ruedo.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ruedo.core.manifest.ManifestException;
import org.ruedo.core.manifest.ProjectManifest;

/**
 * 10 000 mutated manifests (byte flips, truncations, random keys and values, huge numbers, deep arrays and
 * tables, invalid UTF-8, whole TOML constructs) fed to the manifest reader: each is either accepted or
 * rejected with a {@code unikernel.toml:LINE:} message whose line exists in the file; never another
 * exception, never a hang (each input has 10 s). A fixed seed: a failure names the input's number and
 * prints its bytes, so it can be replayed.
 */
class ManifestFuzzTest {
    private static final int INPUTS = 10_000;
    private static final long SEED = 0x5EED_2026_1202L;
    private static final Pattern REJECTION = Pattern.compile("unikernel\\.toml:([1-9][0-9]*): \\S.*", Pattern.DOTALL);

    @TempDir
    Path dir;

    private List<String> seeds() {
        String k = Fixtures.kernel().toString();
        return List.of("""
                # a project
                [project]
                name = "demo"   # comment
                kernel = "%s"

                [app]
                sources = ["*.c",
                           "lib/**/*.c"]   # spans lines
                include = []
                cflags = ["-O1", "-DX=1"]

                [run]
                cpus = 4
                memory = 256
                timeout = 30
                qemu-args = ["-cpu", "max"]
                """.formatted(k), """
                project.name = 'literal'
                project.kernel = '%s'
                app = { sources = ['*.c'], cflags = [] }
                run.cpus = 2
                """.formatted(k), """
                [project]
                name = "x"
                kernel = \"\"\"%s\"\"\"
                [run]
                memory = 0x40
                """.formatted(k));
    }

    /** Pieces the mutator splices in: TOML syntax of every kind, numbers at the edges, junk. */
    private static final String[] PIECES = { "[", "]", "{", "}", "=", ",", "\"", "'", "\"\"\"", "'''", "#", "\n", "\r\n", "\\",
        "\\u0000", "\\uD800", "[app]", "[[app]]", "[app.x]", "a.b.c = 1", "cpus = 99999999999999999999", "cpus = -9223372036854775808",
        "memory = 1e400", "timeout = nan", "cpus = inf", "d = 1979-05-27T07:32:00Z", "t = 07:32:00", "x = true", "name = \"\"",
        "sources = [[\"a\"]]", "sources = [{}]", "sources = \"*.c\"", "kernel = 42", "kernel = \"/\"", "kernel = \"/no/such\"",
        "include = [\"/etc\"]", "sources = [\"{a\"]", "sources = [\"[\"]", "qemu-args = [\"-s\"]", "qemu-args = [\"-gdb\", \"tcp::1\"]",
        "\u00e9", "\uFEFF", "\t", " ", "0", "-", "+", "_", ".", "\u2028" };

    @Test
    void everyMutatedManifestIsAcceptedOrRejectedAtALine() throws Exception {
        Random rnd = new Random(SEED);
        List<String> seeds = seeds();
        Path file = dir.resolve("unikernel.toml");
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(null, r, "manifest-fuzz", 1 << 20);     // a normal 1 MiB stack: deep nesting must not overflow it
            t.setDaemon(true);
            return t;
        });
        int accepted = 0;
        int rejected = 0;
        try {
            for (int n = 0; n < INPUTS; n++) {
                int i = n;
                byte[] input = mutate(seeds.get(rnd.nextInt(seeds.size())).getBytes(StandardCharsets.UTF_8), rnd);
                Files.write(file, input);
                Future<Object> f = worker.submit(() -> {
                    try {
                        return ProjectManifest.load(dir);
                    } catch (ManifestException e) {
                        return e;
                    }
                });
                Object out;
                try {
                    out = f.get(10, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    fail("input " + i + " hangs the reader: " + show(input));
                    return;
                } catch (java.util.concurrent.ExecutionException e) {
                    fail("input " + i + " threw " + e.getCause() + " instead of a unikernel.toml:LINE: message: " + show(input), e.getCause());
                    return;
                }
                if (out instanceof ManifestException e) {
                    var m = REJECTION.matcher(e.getMessage());
                    assertTrue(m.matches(), () -> "input " + i + ": rejection without a unikernel.toml:LINE: prefix: '" + e.getMessage() + "' for "
                            + show(input));
                    int line = Integer.parseInt(m.group(1));
                    int lines = lineCount(input);
                    assertTrue(line <= lines, () -> "input " + i + ": line " + line + " of a " + lines + "-line file: " + e.getMessage());
                    rejected++;
                } else {
                    accepted++;
                }
            }
        } finally {
            worker.shutdownNow();
        }
        assertEquals(INPUTS, accepted + rejected);
        // the mutations are not all fatal, nor all harmless: both outcomes are exercised
        assertTrue(accepted > 100 && rejected > 1000, "accepted " + accepted + ", rejected " + rejected);
    }

    private static byte[] mutate(byte[] seed, Random rnd) {
        byte[] b = seed;
        int n = 1 + rnd.nextInt(4);
        for (int k = 0; k < n; k++) {
            b = switch (rnd.nextInt(9)) {
                case 0 -> flip(b, rnd);
                case 1 -> Arrays.copyOf(b, rnd.nextInt(b.length + 1));                 // truncation
                case 2 -> splice(b, rnd, PIECES[rnd.nextInt(PIECES.length)].getBytes(StandardCharsets.UTF_8));
                case 3 -> splice(b, rnd, ("\n" + word(rnd) + " = " + value(rnd) + "\n").getBytes(StandardCharsets.UTF_8));
                case 4 -> splice(b, rnd, ("\n[" + word(rnd) + "]\n").getBytes(StandardCharsets.UTF_8));
                case 5 -> splice(b, rnd, deep(rnd).getBytes(StandardCharsets.UTF_8));
                case 6 -> splice(b, rnd, new byte[] { (byte) (0x80 + rnd.nextInt(0x80)), (byte) 0xC3, (byte) 0xFF }); // invalid UTF-8
                case 7 -> duplicateLine(b, rnd);
                default -> splice(b, rnd, ("\n" + List.of("cpus", "memory", "timeout").get(rnd.nextInt(3)) + " = " + hugeNumber(rnd) + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            };
        }
        return b;
    }

    private static byte[] flip(byte[] b, Random rnd) {
        if (b.length == 0) {
            return b;
        }
        byte[] c = b.clone();
        int at = rnd.nextInt(c.length);
        c[at] = rnd.nextBoolean() ? (byte) (c[at] ^ (1 << rnd.nextInt(8))) : (byte) rnd.nextInt(256);
        return c;
    }

    private static byte[] splice(byte[] b, Random rnd, byte[] piece) {
        int at = rnd.nextInt(b.length + 1);
        byte[] c = new byte[b.length + piece.length];
        System.arraycopy(b, 0, c, 0, at);
        System.arraycopy(piece, 0, c, at, piece.length);
        System.arraycopy(b, at, c, at + piece.length, b.length - at);
        return c;
    }

    private static byte[] duplicateLine(byte[] b, Random rnd) {
        String s = new String(b, StandardCharsets.ISO_8859_1);
        String[] lines = s.split("\n", -1);
        String line = lines[rnd.nextInt(lines.length)];
        return splice(b, rnd, ("\n" + line + "\n").getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String word(Random rnd) {
        String[] known = { "name", "kernel", "sources", "include", "cflags", "cpus", "memory", "timeout", "qemu-args", "project", "app",
            "run", "kernel.x", "\"quoted key\"", "'lit'", "a-b_c" };
        if (rnd.nextBoolean()) {
            return known[rnd.nextInt(known.length)];
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0, n = 1 + rnd.nextInt(12); i < n; i++) {
            sb.append((char) ('a' + rnd.nextInt(26)));
        }
        return sb.toString();
    }

    private static String value(Random rnd) {
        return switch (rnd.nextInt(8)) {
            case 0 -> "\"" + word(rnd) + "\"";
            case 1 -> Long.toString(rnd.nextLong());
            case 2 -> hugeNumber(rnd);
            case 3 -> "[\"" + word(rnd) + "\", " + rnd.nextInt() + "]";
            case 4 -> "{ " + word(rnd) + " = " + rnd.nextInt() + " }";
            case 5 -> rnd.nextBoolean() ? "true" : "false";
            case 6 -> rnd.nextDouble() * 1e9 + "";
            default -> deep(rnd);
        };
    }

    private static String hugeNumber(Random rnd) {
        StringBuilder sb = new StringBuilder(rnd.nextBoolean() ? "-" : "");
        for (int i = 0, n = 1 + rnd.nextInt(40); i < n; i++) {
            sb.append((char) ('0' + rnd.nextInt(10)));
        }
        return sb.toString();
    }

    /** Arrays or inline tables nested up to 1000 deep (a recursive parser must not overflow its stack on them). */
    private static String deep(Random rnd) {
        int depth = rnd.nextInt(10) < 8 ? 1 + rnd.nextInt(50) : 1 + rnd.nextInt(1000);
        boolean tables = rnd.nextBoolean();
        StringBuilder sb = new StringBuilder("x = ");
        for (int i = 0; i < depth; i++) {
            sb.append(tables ? "{ a = " : "[");
        }
        sb.append("1");
        for (int i = 0; i < depth; i++) {
            sb.append(tables ? " }" : "]");
        }
        return sb.append('\n').toString();
    }

    private static int lineCount(byte[] input) {
        int n = 1;
        for (byte x : input) {
            if (x == '\n') {
                n++;
            }
        }
        return n;
    }

    private static String show(byte[] input) {
        String s = new String(input, StandardCharsets.UTF_8);
        return s.length() > 2000 ? s.substring(0, 2000) + "... (" + input.length + " bytes)" : s;
    }
}
