package org.ruedo.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.Status;

/**
 * The private directory of a launch's QMP socket: created mode 0700 under the system temp directory
 * (short enough for a Unix socket path, unreadable by other users), removed with its socket when QEMU
 * exits however it ends.
 */
final class MonitorSocketDir {
    private MonitorSocketDir() {
    }

    static Path create() throws CoreException {
        try {
            return Files.createTempDirectory("ruedo-qmp-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException | UnsupportedOperationException e) {
            throw new CoreException(Status.error("cannot create a private directory for QEMU's monitor socket: " + e.getMessage()));
        }
    }

    static Path socket(Path dir) {
        return dir.resolve("qmp.sock");
    }

    static void delete(Path dir) {
        try {
            Files.deleteIfExists(socket(dir));
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // left in the temp directory; nothing listens on it any more
        }
    }
}
