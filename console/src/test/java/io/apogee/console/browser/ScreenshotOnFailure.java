package io.apogee.console.browser;

import java.io.IOException;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Saves a screenshot named {@code failed-<TestClass>-<testMethod>} of the browser when a test fails, so a failing
 * browser test shows what the page looked like. Register it with {@code @RegisterExtension} on a static field, given
 * how to reach the class's {@link Browser} (which may not be started yet, or no more).
 */
public final class ScreenshotOnFailure implements TestWatcher {

    private final Supplier<Browser> browser;

    public ScreenshotOnFailure(Supplier<Browser> browser) {
        this.browser = browser;
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        Browser current = browser.get();
        if (current == null) {
            return;
        }
        String name = "failed-" + context.getRequiredTestClass().getSimpleName() + "-"
                + context.getRequiredTestMethod().getName();
        try {
            cause.addSuppressed(new AssertionError("screenshot of the failure: " + current.screenshot(name)
                    .toAbsolutePath()));
        } catch (IOException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }
}
