package org.ruedo.core.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the engine keeps next to each product (CONTRACTS.md §2): {@code <obj>.cmd} (the command that made
 * it), {@code <obj>.sum} (its inputs' stamps, {@link InputDigests}), {@code <obj>.log} (the tool's output,
 * only when it printed something) and gcc's {@code .d}; and the staleness rule that reads them.
 */
final class ObjectRecords {
    private ObjectRecords() {
    }

    static Path cmdFile(Path product) {
        return product.resolveSibling(product.getFileName() + ".cmd");
    }

    /** The content record of the inputs {@code product} was made from ({@link InputDigests}). */
    static Path sumFile(Path product) {
        return product.resolveSibling(product.getFileName() + ".sum");
    }

    /** The kept output (warnings) of the tool run that made {@code product}. */
    static Path logFile(Path product) {
        return product.resolveSibling(product.getFileName() + ".log");
    }

    static Path depFile(Path obj) {
        String n = obj.getFileName().toString();
        return obj.resolveSibling(n.substring(0, n.length() - 2) + ".d");
    }

    /** An object is stale when missing, made by another command, or one of its recorded inputs changed. */
    static boolean isStale(CompileUnit u, InputDigests digests) {
        Path obj = u.object();
        FileTime made;
        try {
            made = Files.getLastModifiedTime(obj);
        } catch (IOException e) {
            return true;        // missing
        }
        if (!commandMatches(cmdFile(obj), u.command())) {
            return true;
        }
        // every input recorded at the compile: gone, newer than the object, or other content (CONTRACTS.md §2)
        return digests.stale(sumFile(obj), made, List.of(u.source()));
    }

    static boolean commandMatches(Path cmdFile, List<String> command) {
        try {
            return Files.readString(cmdFile).equals(String.join("\0", command));
        } catch (IOException e) {
            return false;       // missing or unreadable: as if another command
        }
    }

    /** Removes an object's records before it is remade (a failed compile leaves it stale). */
    static void forget(Path product) throws IOException {
        Files.deleteIfExists(cmdFile(product));
        Files.deleteIfExists(sumFile(product));
        Files.deleteIfExists(logFile(product));
    }

    /**
     * Records a successful compile: the source's stamp taken before the compiler read it, then every other
     * file of the {@code .d}; the output; and, last, the command (until it is written the object is stale).
     */
    static void recordCompile(CompileUnit u, InputDigests.Stamp source, InputDigests digests, String output) throws IOException {
        Map<Path, InputDigests.Stamp> inputs = new LinkedHashMap<>();
        inputs.put(u.source(), source);
        for (Path in : dependencies(u.object())) {
            if (!inputs.containsKey(in)) {
                inputs.put(in, digests.stamp(in));
            }
        }
        InputDigests.write(sumFile(u.object()), inputs);
        writeLog(logFile(u.object()), output);
        Files.writeString(cmdFile(u.object()), String.join("\0", u.command()));
    }

    /** The files of the object's {@code .d} (absolute, as the sources and -I are); none when gcc wrote none. */
    private static List<Path> dependencies(Path obj) throws IOException {
        try {
            return DependencyFile.parse(Files.readString(depFile(obj)));
        } catch (NoSuchFileException e) {
            return List.of();
        }
    }

    static void writeLog(Path log, String output) throws IOException {
        if (output.isBlank()) {
            Files.deleteIfExists(log);
        } else {
            Files.writeString(log, output);
        }
    }
}
