package org.ruedo.core.build;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serialises builds of one project: the Eclipse builder, a {@code ruedo} command and a benchmark may
 * all build the same directory, and two engines writing the same objects at once would corrupt them.
 * Within the JVM a lock per build directory; across processes an exclusive {@link FileLock} on
 * {@code build/.lock}. A clean that goes on to build keeps that file (it empties build/ around it); when
 * the file is deleted (the builder's Clean, or by hand) or replaced, a waiter that then acquires the lock
 * on the old file notices (the file at the path is another one, by device and inode) and locks the file
 * now at the path, so two builds never hold "the" lock at once.
 * Waiting honours the {@link CancelToken}.
 */
final class BuildLock implements AutoCloseable {
    /** Name of the lock file inside build/. */
    static final String FILE = ".lock";
    private static final ConcurrentHashMap<Path, ReentrantLock> LOCAL = new ConcurrentHashMap<>();

    private final ReentrantLock local;
    private final FileChannel channel;
    private final FileLock fileLock;

    private BuildLock(ReentrantLock local, FileChannel channel, FileLock fileLock) {
        this.local = local;
        this.channel = channel;
        this.fileLock = fileLock;
    }

    /**
     * Takes the lock of {@code buildDir} (created if missing), telling the listener once when another
     * build holds it. Returns null when the token is cancelled while waiting.
     */
    static BuildLock acquire(Path buildDir, BuildListener listener, CancelToken cancel) throws IOException {
        Path dir = buildDir.toAbsolutePath().normalize();
        ReentrantLock local = LOCAL.computeIfAbsent(dir, d -> new ReentrantLock());
        boolean told = false;
        try {
            while (!local.tryLock(50, TimeUnit.MILLISECONDS)) {
                if (cancel.isCancelled()) {
                    return null;
                }
                told = tell(listener, told, dir);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        FileChannel ch = null;
        try {
            Files.createDirectories(dir);
            ch = FileChannel.open(dir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            Object opened = fileKey(dir.resolve(FILE));
            while (true) {
                FileLock fl;
                try {
                    fl = ch.tryLock();
                } catch (OverlappingFileLockException e) {
                    fl = null;      // held through another channel of this JVM (a different path spelling)
                }
                if (fl != null) {
                    if (opened != null && opened.equals(fileKey(dir.resolve(FILE)))) {
                        return new BuildLock(local, ch, fl);
                    }
                    // the file we locked was deleted or replaced while we waited (a build/ removed by hand):
                    // a build that opens the path now would lock another file; start over on the one there
                    fl.release();
                    ch.close();
                    Files.createDirectories(dir);
                    ch = FileChannel.open(dir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    opened = fileKey(dir.resolve(FILE));
                    continue;
                }
                if (cancel.isCancelled()) {
                    ch.close();
                    local.unlock();
                    return null;
                }
                told = tell(listener, told, dir);
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    ch.close();
                    local.unlock();
                    return null;
                }
            }
        } catch (IOException | RuntimeException e) {
            if (ch != null) {
                ch.close();
            }
            local.unlock();
            throw e;
        }
    }

    /**
     * The identity (device and inode) of the file at {@code path}, from a stat: never by opening it, because
     * closing any descriptor of a file releases every POSIX lock this process holds on it.
     */
    private static Object fileKey(Path path) {
        try {
            return Files.readAttributes(path, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            return null;        // gone
        }
    }

    private static boolean tell(BuildListener listener, boolean told, Path dir) {
        if (!told) {
            listener.line("waiting for another build of " + dir.getParent() + " to finish", BuildListener.Kind.INFO);
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        try {
            if (fileLock.isValid()) {
                fileLock.release();
            }
            channel.close();
        } finally {
            local.unlock();
        }
    }
}
