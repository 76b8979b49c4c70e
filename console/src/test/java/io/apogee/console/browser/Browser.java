package io.apogee.console.browser;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * One real, headless Chromium (the Debian {@code chromium} and {@code chromium-driver} packages, never anything
 * Selenium Manager would download) driven through Selenium against a console at a base URL, with what browser tests
 * need: open a page, log in through the real form, submit a form and wait for the next page, read and wait for
 * elements, save screenshots under {@code target/screenshots}, and read the browser's console for errors (a script
 * refused by the Content-Security-Policy, a 404 on a WebJar, a script exception).
 *
 * <p>Every wait has the deadline {@link #DEADLINE}; nothing sleeps a fixed time. {@link #close()} quits the browser
 * and stops chromedriver, also when starting it failed half-way. Not thread-safe: one test thread drives it.
 */
public final class Browser implements AutoCloseable {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** How long any wait may take: generous, since the build machine is shared. */
    public static final Duration DEADLINE = Duration.ofSeconds(20);
    /** Where {@link #screenshot(String)} writes (relative to the module, which is the tests' working directory). */
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final String base;
    private final ChromeDriverService service;
    private final ChromeDriver driver;

    /** Starts chromedriver and one Chromium; {@code base} is the console's URL, e.g. http://127.0.0.1:8080. */
    public Browser(String base) throws IOException {
        requireInstalled();
        this.base = base;
        Files.createDirectories(Path.of("target"));
        service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
                .withLogFile(new File("target/chromedriver.log")).build();
        ChromeDriver started = null;
        try {
            started = new ChromeDriver(service, options());
            started.manage().timeouts().pageLoadTimeout(DEADLINE).scriptTimeout(DEADLINE);
        } finally {
            if (started == null) {
                service.stop();
            }
        }
        driver = started;
    }

    private static void requireInstalled() {
        for (Path program : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(program)) {
                throw new IllegalStateException(program + " is missing: install chromium and chromium-driver "
                        + "(apt-get install -y chromium chromium-driver fonts-liberation); .ci/run does it");
            }
        }
    }

    private static ChromeOptions options() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // root in a container: no sandbox, no /dev/shm; and nothing that would talk to the internet
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-default-apps", "--no-first-run", "--window-size=1400,1000");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        return options;
    }

    /** Loads {@code path} (e.g. "/topics?page=2") of the console and waits for it to finish loading. */
    public void open(String path) {
        driver.get(base + path);
        waitForLoad();
    }

    /** Logs in through the login form as a person would, and waits for the page the form leads to. */
    public void login(String user, String password) {
        open("/login");
        type("input[name=username]", user);
        type("input[name=password]", password);
        submit("#login");
    }

    /** Clicks the header's "Log out" button and waits for the page it leads to (the login form). */
    public void logout() {
        submit("header form.logout button[type=submit]");
    }

    /** Ends the session without the button (deletes the cookies), so the next test starts logged out. */
    public void forgetSession() {
        driver.manage().deleteAllCookies();
    }

    /** Replaces the text of the input {@code css} with {@code text}. */
    public void type(String css, String text) {
        WebElement input = element(css);
        input.clear();
        input.sendKeys(text);
    }

    /** Clicks {@code css}, e.g. a button or a link, without waiting for anything (htmx updates: wait yourself). */
    public void click(String css) {
        element(css).click();
    }

    /** Clicks {@code css}, a submit button or link, and waits until the page it leads to has replaced this one. */
    public void submit(String css) {
        WebElement button = element(css);
        button.click();
        waitFor("the page after clicking " + css, () -> isStale(button));
        waitForLoad();
    }

    private static boolean isStale(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (StaleElementReferenceException e) {
            return true;
        }
    }

    private void waitForLoad() {
        waitFor("the page to load", () -> "complete".equals(
                ((JavascriptExecutor) driver).executeScript("return document.readyState")));
    }

    /** The path (without the query) of the page shown, e.g. "/login". */
    public String path() {
        return URI.create(driver.getCurrentUrl()).getPath();
    }

    /** The path with the query of the page shown, e.g. "/login?next=%2F". */
    public String pathAndQuery() {
        URI uri = URI.create(driver.getCurrentUrl());
        return uri.getRawQuery() == null ? uri.getRawPath() : uri.getRawPath() + "?" + uri.getRawQuery();
    }

    /** The first element matching {@code css}, waiting until there is one. */
    public WebElement element(String css) {
        waitFor("an element " + css, () -> exists(css));
        return driver.findElement(By.cssSelector(css));
    }

    /** Every element matching {@code css} now (no wait). */
    public List<WebElement> elements(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** Whether an element matches {@code css} now (no wait). */
    public boolean exists(String css) {
        return !elements(css).isEmpty();
    }

    /** The visible text of the first element matching {@code css}, waiting until there is one. */
    public String text(String css) {
        return element(css).getText();
    }

    /** Waits until {@code condition} holds (exceptions count as "not yet"), failing after {@link #DEADLINE}. */
    public void waitFor(String what, Callable<Boolean> condition) {
        await("waiting for " + what).atMost(DEADLINE).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50))
                .ignoreExceptions().until(condition);
    }

    /** Saves what the window shows as {@code target/screenshots/<name>.png}; returns the file. */
    public Path screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path file = SCREENSHOTS.resolve(name + ".png");
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        return file;
    }

    /**
     * The errors the browser's console got since the last call (reading empties it): scripts or styles refused by
     * the Content-Security-Policy, resources that failed to load, uncaught script exceptions.
     */
    public List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage).collect(Collectors.toList());
    }

    /** Fails if the browser's console got any error since the last look (see {@link #consoleErrors()}). */
    public void assertNoConsoleErrors() {
        List<String> errors = consoleErrors();
        if (!errors.isEmpty()) {
            throw new AssertionError("The browser's console shows errors:\n  " + String.join("\n  ", errors));
        }
    }

    /** The driver itself, for what the methods above do not cover. */
    public ChromeDriver driver() {
        return driver;
    }

    /** Quits Chromium and stops chromedriver, the second even if the first fails. */
    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
        }
    }
}
