package dev.gatehouse.server.pages;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.SessionNotCreatedException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Debian Chromium, driven through Debian's chromedriver, with a profile of its own: two of
 * these are two browsers with separate cookie jars. Both binaries are given explicitly so Selenium never
 * downloads a browser or a driver; when they are missing the test fails and says how to install them
 * ({@code .ci/run} does it in CI).
 */
public final class Chromium implements AutoCloseable {
    static final Path BROWSER = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final ChromeDriver driver;
    private final Path profile;

    private Chromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** A fresh browser with an empty profile, as wide as a laptop screen. */
    public static Chromium start() {
        return start(1280, 900);
    }

    /** A fresh browser whose window is {@code width} by {@code height} CSS pixels. */
    public static Chromium start(int width, int height) {
        if (!Files.isExecutable(BROWSER) || !Files.isExecutable(DRIVER)) {
            throw new AssertionError("The browser tests need Debian's Chromium and its driver at " + BROWSER + " and "
                    + DRIVER + ": apt-get install chromium chromium-driver (.ci/run installs them in CI).");
        }
        try {
            Path profile = Files.createTempDirectory("gatehouse-chromium");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(BROWSER.toFile());
            options.addArguments(
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-quic",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--disable-dev-shm-usage",
                    "--window-size=" + width + "," + height,
                    "--user-data-dir=" + profile);
            LoggingPreferences logs = new LoggingPreferences();
            logs.enable(LogType.BROWSER, Level.ALL);
            options.setCapability("goog:loggingPrefs", logs);
            ChromeDriver driver = launch(options);
            // Headless windows are at least 500 pixels wide; a phone's viewport is emulated instead.
            driver.executeCdpCommand(
                    "Emulation.setDeviceMetricsOverride",
                    Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", width < 600));
            return new Chromium(driver, profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts the driver and its browser, a second time if the first browser did not come up: on a
     * machine whose cores are all busy Chromium can miss chromedriver's start-up deadline ("chrome not
     * reachable"), which says nothing about Gatehouse. A second failure fails the test.
     */
    private static ChromeDriver launch(ChromeOptions options) {
        try {
            return new ChromeDriver(service(), options);
        } catch (SessionNotCreatedException e) {
            return new ChromeDriver(service(), options);
        }
    }

    private static ChromeDriverService service() {
        return new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER.toString()))
                .usingAnyFreePort()
                .build();
    }

    public WebDriver driver() {
        return driver;
    }

    public void open(String url) {
        driver.get(url);
    }

    public WebElement find(By by) {
        return new WebDriverWait(driver, WAIT).until(ExpectedConditions.presenceOfElementLocated(by));
    }

    public List<WebElement> findAll(By by) {
        return driver.findElements(by);
    }

    /** Clears the field with id {@code id} and types {@code text} into it. */
    public void type(String id, String text) {
        WebElement field = find(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    /** Clicks {@code by} and waits until the page it was on has been replaced by the next one. */
    public void clickAndWait(By by) {
        WebElement html = driver.findElement(By.tagName("html"));
        find(by).click();
        awaitReplaced(html);
        new WebDriverWait(driver, WAIT)
                .until(d -> "complete".equals(driver.executeScript("return document.readyState")));
    }

    /** Waits until the page {@code html} (its root element) was on has been replaced by the next one. */
    public void awaitReplaced(WebElement html) {
        new WebDriverWait(driver, WAIT).until(d -> replaced(html));
    }

    /**
     * Whether {@code element}'s page is gone. Chromium sometimes answers a look-up of a node from a page
     * just replaced with "Node with given id does not belong to the document" instead of a stale-element
     * error (after a form posted from a page that was itself a POST's answer): that is gone too.
     */
    private static boolean replaced(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (org.openqa.selenium.StaleElementReferenceException e) {
            return true;
        } catch (org.openqa.selenium.WebDriverException e) {
            if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
    }

    /** Clicks {@code by}, accepts the confirmation the page's script asks for, and waits for the next page. */
    public void clickConfirmingAndWait(By by) {
        WebElement html = driver.findElement(By.tagName("html"));
        find(by).click();
        new WebDriverWait(driver, WAIT)
                .until(ExpectedConditions.alertIsPresent())
                .accept();
        awaitReplaced(html);
    }

    /** The path of the page the browser shows. */
    public String path() {
        return URI.create(driver.getCurrentUrl()).getPath();
    }

    /** The host and port of the page the browser shows. */
    public String authority() {
        return URI.create(driver.getCurrentUrl()).getAuthority();
    }

    /** The text of the page's messages (flashes), as a person reads them. */
    public List<String> flashes() {
        return driver.findElements(By.cssSelector(".flash")).stream()
                .map(WebElement::getText)
                .toList();
    }

    /** The browser console's messages since the last call: CSP violations are reported here. */
    public List<String> consoleMessages() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage)
                .toList();
    }

    /** Saves what the browser shows as {@code target/screenshots/NAME.png}. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code script} in the page (only to prove a guard can fail; pages themselves run no inline code). */
    public Object run(String script, Object... arguments) {
        return driver.executeScript(script, arguments);
    }

    /** The cookies this browser holds for the current site, by name. */
    public Map<String, String> cookies() {
        var cookies = new java.util.TreeMap<String, String>();
        driver.manage().getCookies().forEach(c -> cookies.put(c.getName(), c.getValue()));
        return cookies;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteQuietly(profile);
        }
    }

    private static void deleteQuietly(Path directory) {
        try (var files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A profile left in /tmp is harmless; the test's result is what matters.
        }
    }
}
