package io.apogee.broker;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The set-up the processor tests share: a fresh fixture (a broker with its store in {@link #dir}) opened before each
 * test, before the subclass's own {@code @BeforeEach} methods, and closed after each test.
 *
 * @param <F> the fixture of the test's package
 */
public abstract class BrokerFixtureTest<F extends AutoCloseable> {

    /** Opens the fixture on a store directory. */
    @FunctionalInterface
    protected interface Opener<F> {
        F open(Path dir) throws Exception;
    }

    @TempDir
    protected Path dir;

    protected F fixture;

    private final Opener<F> opener;

    protected BrokerFixtureTest(Opener<F> opener) {
        this.opener = opener;
    }

    @BeforeEach
    final void openFixture() throws Exception {
        fixture = opener.open(dir);
    }

    @AfterEach
    final void closeFixture() throws Exception {
        fixture.close();
    }
}
