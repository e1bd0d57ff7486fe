package org.ruedo.core.build;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The content record of a product's inputs (CONTRACTS.md §2, "Incremental"): a {@code .sum} file with one
 * line per input, {@code <sha256> <size> <mtime-ns> <path>}, written when the product is made.
 *
 * <p>An input is unchanged when its size and mtime are the recorded ones (no hashing: the fast path of a
 * no-op build is one stat per input, as before). When they differ, the input is changed if it is newer
 * than the product (make's rule: a touched file rebuilds once) or if its SHA-256 differs from the recorded
 * one (a changed file with an older mtime: {@code cp -p}, tar, {@code rsync -a}, a checkout). An instance
 * is one build's cache: each distinct file is hashed at most once per build, unless it changes meanwhile.
 */
final class InputDigests {
    /** A file's size, mtime and content digest. */
    record Stamp(long size, long mtimeNanos, String sha256) {
    }

    private final Map<Path, Stamp> cache = new ConcurrentHashMap<>();
    private final Map<Path, java.util.Optional<BasicFileAttributes>> attributes = new ConcurrentHashMap<>();
    /** Every file this build checked or stamped: what it depended on and what it made. */
    private final java.util.Set<Path> seen = ConcurrentHashMap.newKeySet();

    /** The current stamp of {@code file} (hashed unless this build already hashed it at this size and mtime). */
    Stamp stamp(Path file) throws IOException {
        seen.add(file);
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
        long size = a.size();
        long mtime = nanos(a.lastModifiedTime());
        Stamp known = cache.get(file);
        if (known != null && known.size() == size && known.mtimeNanos() == mtime) {
            return known;
        }
        Stamp s = new Stamp(size, mtime, sha256(file));
        cache.put(file, s);
        return s;
    }

    /** Writes {@code sum} from stamps taken earlier (e.g. a source's, before its compile started). */
    static void write(Path sum, Map<Path, Stamp> stamps) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (var e : stamps.entrySet()) {
            Stamp s = e.getValue();
            sb.append(s.sha256()).append(' ').append(s.size()).append(' ').append(s.mtimeNanos()).append(' ')
                    .append(e.getKey()).append('\n');
        }
        Files.writeString(sum, sb.toString(), StandardCharsets.UTF_8);
    }

    /**
     * Whether the product recorded by {@code sum} (made at {@code productTime}) is out of date: the record
     * is missing or unreadable, lacks one of {@code required}, or an input recorded in it is gone or changed.
     */
    boolean stale(Path sum, FileTime productTime, List<Path> required) {
        List<String> lines;
        try {
            if (!Files.exists(sum)) {
                return true;
            }
            lines = Files.readAllLines(sum, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return true;
        }
        long product = nanos(productTime);
        List<Path> seen = new ArrayList<>();
        try {
            for (String line : lines) {
                if (line.isEmpty()) {
                    continue;
                }
                String[] f = line.split(" ", 4);
                if (f.length != 4) {
                    return true;
                }
                Path in = Path.of(f[3]);
                seen.add(in);
                this.seen.add(in);
                long size = Long.parseLong(f[1]);
                long mtime = Long.parseLong(f[2]);
                BasicFileAttributes a = checked(in);
                if (a == null || !a.isRegularFile()) {
                    return true;
                }
                long now = nanos(a.lastModifiedTime());
                if (a.size() == size && now == mtime) {
                    continue;                                   // fast path: not even read
                }
                if (now > product || a.size() != size || !stamp(in).sha256().equals(f[0])) {
                    return true;
                }
            }
        } catch (IOException | RuntimeException e) {
            return true;
        }
        return !seen.containsAll(required);
    }

    /**
     * Whether products recorded by {@code record} (their own stamps, written when they were made) are no
     * longer what was made: the record is missing or lacks one of {@code required}, or a product is gone,
     * or its size or mtime differs and its content (SHA-256) too. A truncated or overwritten output is
     * rebuilt; one merely touched (same content) is not.
     */
    boolean changed(Path record, List<Path> required) {
        return stale(record, FileTime.fromMillis(Long.MAX_VALUE), required);
    }

    /**
     * The attributes of a recorded input as this build first saw them (null: gone), so that a header that
     * 300 objects include is stat'ed once per build, not 300 times. Only for checking records: a stamp
     * ({@link #stamp}) always reads the file as it is now.
     */
    private BasicFileAttributes checked(Path in) {
        return attributes.computeIfAbsent(in, p -> {
            try {
                return java.util.Optional.of(Files.readAttributes(p, BasicFileAttributes.class));
            } catch (IOException e) {
                return java.util.Optional.empty();
            }
        }).orElse(null);
    }

    /** The files this build has checked or stamped so far. */
    List<Path> files() {
        return List.copyOf(new java.util.TreeSet<>(seen));
    }

    private static long nanos(FileTime t) {
        return t.to(TimeUnit.NANOSECONDS);
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buf = new byte[65536];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0;) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
