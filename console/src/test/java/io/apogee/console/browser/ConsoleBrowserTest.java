package io.apogee.console.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.apogee.console.ConsoleFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WebElement;

/**
 * The console in a real headless Chromium against a real name server and broker ({@link ConsoleFixture}): login,
 * logout and the cluster overview with its uPlot chart, as a person sees them. Every test starts logged out and ends
 * with a look at the browser's console, which must show no error (a script refused by the Content-Security-Policy,
 * a WebJar that did not load, a script exception). Screenshots go to {@code target/screenshots}, also one of every
 * failed test ({@link ScreenshotOnFailure}).
 *
 * <p>Browser tests of other pages follow the same pattern: {@link #loggedInAs(String)},
 * {@link Browser#open(String)}, read with {@link Browser#text(String)} or {@link Browser#element(String)}, change
 * with {@link Browser#type(String, String)} and {@link Browser#submit(String)}.
 */
class ConsoleBrowserTest {

    private static ConsoleFixture fixture;
    private static Browser browser;

    @RegisterExtension
    static final ScreenshotOnFailure SCREENSHOT_ON_FAILURE = new ScreenshotOnFailure(() -> browser);

    @BeforeAll
    static void start() throws Exception {
        fixture = new ConsoleFixture();
        browser = new Browser(fixture.url());
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            if (fixture != null) {
                fixture.close();
            }
        }
    }

    @BeforeEach
    void startLoggedOut() {
        browser.forgetSession();
    }

    @AfterEach
    void consoleShowsNoErrors() {
        browser.assertNoConsoleErrors();
    }

    /** Logs in through the form as {@code user} of the fixture; the browser then shows the page after login. */
    static Browser loggedInAs(String user) {
        browser.login(user, ConsoleFixture.PASSWORD);
        assertThat(browser.path()).as("page after logging in as " + user).isEqualTo("/");
        return browser;
    }

    @Test
    void shouldLogInAndSeeTheClusterOverview() throws Exception {
        loggedInAs(ConsoleFixture.ADMIN);

        assertThat(browser.text("#who")).isEqualTo(ConsoleFixture.ADMIN);
        assertThat(browser.text("#brokers tr.broker")).contains("DefaultCluster", "broker-a", "master",
                fixture.brokerAddress(), "answering");
        assertThat(browser.text("#namesrvs")).contains(fixture.namesrvAddress(), "answering");
        browser.waitFor("uPlot to draw the rate chart", () -> browser.exists("#rate-chart div.uplot canvas"));
        WebElement canvas = browser.element("#rate-chart div.uplot canvas");
        assertThat(canvas.getSize().getWidth()).isPositive();
        assertThat(canvas.getSize().getHeight()).isPositive();
        browser.screenshot("cluster");
    }

    @Test
    void shouldRefuseAWrongPassword() throws Exception {
        browser.login(ConsoleFixture.ADMIN, "not-the-password");

        assertThat(browser.path()).isEqualTo("/login");
        assertThat(browser.text("#login-error")).isEqualTo("Wrong user name or password.");
        assertThat(browser.exists("#who")).as("no one is logged in").isFalse();
        assertThat(browser.consoleErrors()).as("the refused form's answer is 401, which Chromium logs")
                .allMatch(error -> error.contains("/login - Failed to load resource: the server responded with a "
                        + "status of 401"));
        browser.screenshot("login-refused");
    }

    @Test
    void shouldLogOut() {
        loggedInAs(ConsoleFixture.VIEWER);

        browser.logout();

        assertThat(browser.path()).isEqualTo("/login");
        browser.open("/");
        assertThat(browser.pathAndQuery()).isEqualTo("/login?next=%2F");
        assertThat(browser.exists("#login")).isTrue();
    }
}
