package io.apogee.tools;

import java.io.IOException;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The shared {@link EmbeddedClusterExtension} for test classes outside this package (the per-command tests under
 * io.apogee.tools.cli): register it as a {@code static} {@code @RegisterExtension} field.
 *
 * <p>Not thread-safe; one test class at a time.
 */
public final class EmbeddedClusterFixture implements BeforeAllCallback, AfterAllCallback {

    private final EmbeddedClusterExtension cluster = new EmbeddedClusterExtension();

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        cluster.beforeAll(context);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        cluster.afterAll(context);
    }

    public String namesrvAddress() {
        return cluster.namesrvAddress();
    }

    public String brokerAddress() {
        return cluster.brokerAddress();
    }
}
