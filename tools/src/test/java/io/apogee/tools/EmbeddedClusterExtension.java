package io.apogee.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The shared fixture of the end-to-end tests: an {@link EmbeddedCluster} in a temp directory, started before the
 * class's own {@code @BeforeAll} methods and closed (directory removed) after its {@code @AfterAll} methods; register
 * it as a {@code static} {@code @RegisterExtension} field. Runs {@code mqadmin} against that cluster's name server.
 *
 * <p>Not thread-safe; one test class at a time.
 */
final class EmbeddedClusterExtension implements BeforeAllCallback, AfterAllCallback {

    private Path storeDir;
    private EmbeddedCluster cluster;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        storeDir = Files.createTempDirectory("apogee-tools-test");
        cluster = new EmbeddedCluster(storeDir);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (cluster != null) {
            cluster.close();
        }
        if (storeDir != null) {
            try (Stream<Path> paths = Files.walk(storeDir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(EmbeddedClusterExtension::delete);
            }
        }
    }

    private static void delete(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String namesrvAddress() {
        return cluster.namesrvAddress();
    }

    String brokerAddress() {
        return cluster.brokerAddress();
    }

    /** Runs {@code mqadmin ARGS -n NAMESRV}. */
    CliRun run(String... args) {
        String[] withNamesrv = new String[args.length + 2];
        System.arraycopy(args, 0, withNamesrv, 0, args.length);
        withNamesrv[args.length] = "-n";
        withNamesrv[args.length + 1] = namesrvAddress();
        return CliRun.of(withNamesrv);
    }

    /** Runs {@code mqadmin ARGS -n NAMESRV} and asserts it exited 0. */
    CliRun ok(String... args) {
        CliRun run = run(args);
        assertThat(run.exitCode()).as(String.join(" ", args) + ": " + run.err()).isZero();
        return run;
    }
}
