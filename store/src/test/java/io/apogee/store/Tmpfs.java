package io.apogee.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A small tmpfs file system mounted for one test (the tests run as root), so that a store can really run out of
 * disk. {@link #close()} unmounts it (lazily, so mappings the store still holds cannot block the unmount).
 *
 * Shared with the integration tests through the store's test jar.
 *
 * <p>Not thread-safe: owned by one test.
 */
public final class Tmpfs implements AutoCloseable {

    private final Path mountPoint;

    private Tmpfs(Path mountPoint) {
        this.mountPoint = mountPoint;
    }

    /** Mounts a tmpfs of {@code sizeBytes} at a new directory under {@code parent}. */
    public static Tmpfs mount(Path parent, long sizeBytes) throws IOException, InterruptedException {
        Path mountPoint = Files.createDirectories(parent.resolve("tmpfs"));
        run("mount", "-t", "tmpfs", "-o", "size=" + sizeBytes, "tmpfs", mountPoint.toString());
        return new Tmpfs(mountPoint);
    }

    public Path path() {
        return mountPoint;
    }

    @Override
    public void close() throws IOException {
        try {
            run("umount", "-l", mountPoint.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while unmounting " + mountPoint, e);
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " failed (the disk-full tests need root to mount a "
                    + "tmpfs): " + output);
        }
    }
}
