package org.ruedo.core.qemu;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.ruedo.core.manifest.ProjectManifest;

/**
 * A recording of one run for reverse debugging (QEMU record/replay, docs/CONTRACTS.md §4.1): the
 * directory {@code build/<name>.replay/} holds
 * <ul>
 * <li>{@code run.rr}: QEMU's replay log ({@code -icount shift=auto,rr=record,rrfile=...});</li>
 * <li>{@code snapshots.qcow2}: the empty qcow2 image QEMU saves the VM snapshot {@code init} in
 * ({@code rrsnapshot=init}); replaying backwards loads it and replays forward to the target instruction;</li>
 * <li>{@code recording.properties}: the SHA-256 of the image that was recorded, the memory size and the
 * user's QEMU arguments, so the replay boots the same machine.</li>
 * </ul>
 * QEMU records one CPU only (it refuses {@code -smp 2} with "Record/replay feature is not supported for
 * 'smp'"), so Ruedo refuses {@code cpus > 1} before QEMU starts. The recorded image must be the one that
 * is replayed: a rebuilt image is refused by its hash.
 */
public final class Recording {
    public static final String LOG = "run.rr";
    public static final String SNAPSHOTS = "snapshots.qcow2";
    public static final String PROPERTIES = "recording.properties";
    /** The snapshot QEMU takes when recording starts and loads to go backwards. */
    public static final String SNAPSHOT = "init";

    private final Path dir;
    private final int memoryMiB;
    private final List<String> qemuArgs;

    private Recording(Path dir, int memoryMiB, List<String> qemuArgs) {
        this.dir = dir;
        this.memoryMiB = memoryMiB;
        this.qemuArgs = List.copyOf(qemuArgs);
    }

    /** A recording problem: said to the user as it is. */
    public static final class RecordingException extends Exception {
        private static final long serialVersionUID = 1L;

        public RecordingException(String message) {
            super(message);
        }
    }

    /** The default recording directory of a project: {@code build/<name>.replay}. */
    public static Path dir(ProjectManifest m) {
        return m.buildDir().resolve(m.name() + ".replay");
    }

    /** Why {@code cpus} CPUs cannot be recorded. */
    public static String smpRefusal(int cpus) {
        return "cannot record with " + cpus + " CPUs: QEMU's record/replay supports 1 CPU only (cpus = 1, --cpus 1)";
    }

    /**
     * Creates (or empties) the recording directory for a run of {@code image}: checks the CPU count,
     * creates the snapshot image with {@code qemuImg} and writes the image's hash.
     */
    public static Recording create(Path dir, Path image, int cpus, int memoryMiB, List<String> qemuArgs, Path qemuImg)
            throws RecordingException, IOException, InterruptedException {
        if (cpus != 1) {
            throw new RecordingException(smpRefusal(cpus));
        }
        Files.createDirectories(dir);
        for (String f : List.of(LOG, SNAPSHOTS, PROPERTIES)) {
            Files.deleteIfExists(dir.resolve(f));
        }
        Process p = new ProcessBuilder(qemuImg.toString(), "create", "-q", "-f", "qcow2", dir.resolve(SNAPSHOTS).toString(), "64M")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new RecordingException("qemu-img could not create " + dir.resolve(SNAPSHOTS) + ": " + out.strip());
        }
        Properties props = new Properties();
        props.setProperty("image", image.toAbsolutePath().toString());
        props.setProperty("image.sha256", sha256(image));
        props.setProperty("memory", Integer.toString(memoryMiB));
        props.setProperty("qemu-args", String.join("\n", qemuArgs));
        try (Writer w = Files.newBufferedWriter(dir.resolve(PROPERTIES))) {
            props.store(w, "Ruedo recording (QEMU record/replay); replay with: ruedo debug <project> --replay");
        }
        return new Recording(dir, memoryMiB, qemuArgs);
    }

    /**
     * Opens a finished recording to replay it with {@code image}: refused when a file is missing or the
     * image was rebuilt since (its SHA-256 differs from the recorded one).
     */
    public static Recording open(Path dir, Path image) throws RecordingException, IOException {
        Path props = dir.resolve(PROPERTIES);
        if (!Files.isRegularFile(props) || !Files.isRegularFile(dir.resolve(LOG)) || !Files.isRegularFile(dir.resolve(SNAPSHOTS))) {
            throw new RecordingException("no recording in " + dir + " (record one with: ruedo run <project> --record, "
                    + "or the launch configuration's \"Record this run for reverse debugging\")");
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(props)) {
            p.load(r);
        }
        if (!Files.isRegularFile(image)) {
            throw new RecordingException("image not found: " + image);
        }
        String recorded = p.getProperty("image.sha256", "");
        if (!recorded.equals(sha256(image))) {
            throw new RecordingException("the recording in " + dir + " was made from another build of " + image.getFileName()
                    + " (the image has been rebuilt since; its SHA-256 differs): record the run again");
        }
        String args = p.getProperty("qemu-args", "");
        int mem;
        try {
            mem = Integer.parseInt(p.getProperty("memory", "128"));
        } catch (NumberFormatException e) {
            throw new RecordingException(props + ": bad memory value " + p.getProperty("memory"));
        }
        return new Recording(dir, mem, args.isEmpty() ? List.of() : List.of(args.split("\n")));
    }

    public Path dir() {
        return dir;
    }

    /** The memory size the run was recorded with (the replay must boot the same machine). */
    public int memoryMiB() {
        return memoryMiB;
    }

    /** The user's QEMU arguments of the recorded run. */
    public List<String> qemuArgs() {
        return qemuArgs;
    }

    /** {@code argv} (from {@link QemuCommand#build()}) with the options that record into this directory. */
    public List<String> recordArgv(List<String> argv) {
        return with(argv, "record");
    }

    /** {@code argv} with the options that replay this recording (add {@code -S} and the gdbstub to debug it). */
    public List<String> replayArgv(List<String> argv) {
        return with(argv, "replay");
    }

    /** The options that record into this recording ({@link QemuCommand#ruedoArgs}). */
    public List<String> recordOptions() {
        return options("record");
    }

    /** The options that replay this recording ({@link QemuCommand#ruedoArgs}). */
    public List<String> replayOptions() {
        return options("replay");
    }

    private List<String> with(List<String> argv, String mode) {
        List<String> a = new ArrayList<>(argv);
        a.addAll(options(mode));
        return a;
    }

    private List<String> options(String mode) {
        return List.of("-icount", "shift=auto,rr=" + mode + ",rrfile=" + escape(dir.resolve(LOG)) + ",rrsnapshot=" + SNAPSHOT,
                "-drive", "file=" + escape(dir.resolve(SNAPSHOTS)) + ",if=none,id=rrsnapshots");
    }

    /** QEMU's option syntax doubles a comma inside a value. */
    private static String escape(Path p) {
        return p.toAbsolutePath().toString().replace(",", ",,");
    }

    /** The SHA-256 of a file, in hex. */
    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[65536];
            for (int n; (n = in.read(buf)) > 0;) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
