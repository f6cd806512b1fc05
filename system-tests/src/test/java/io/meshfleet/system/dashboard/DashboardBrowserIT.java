package io.meshfleet.system.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshfleet.fleetctl.api.RestClient;
import io.meshfleet.fleetctl.demo.DemoEnvironment;
import io.meshfleet.sim.scenario.Scenario;
import io.meshfleet.sim.scenario.ScenarioReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The dashboard in a real headless Chromium against the real stack (Kafka, PostgreSQL, fleet-sim and the four
 * services as processes, {@link DemoEnvironment}): sign in with a token, start a plan, pause it and see it hold
 * (the canary finishes, the next wave does not start), resume it and watch it end SUCCEEDED with the sidecar bars,
 * all on one page load fed by server-sent events. Screenshots go to {@code target/dashboard-e2e/}.
 */
@Execution(ExecutionMode.CONCURRENT) // its own stack: runs alongside the other system tests (CI time)
class DashboardBrowserIT {

    static final String PLAN = """
            name: dashboard-e2e
            targetVersion: 1.5.10-asm.2
            fromVersion: 1.6.14-asm.1
            selector: {matchLabels: {env: prod}}
            waves:
              - {clusters: [user-01]}
              - {percent: 100, maxConcurrency: 2, maxFailures: 0}
            sidecarLimits: {podsPerMinutePerNamespace: 100, podsPerMinutePerCluster: 100, maxUnavailable: "50%"}
            failurePolicy: HALT
            """;

    static final Path OUT = Path.of("target/dashboard-e2e").toAbsolutePath();
    static DemoEnvironment stack;
    static WebDriver browser;

    @BeforeAll
    static void startStackAndBrowser() throws IOException {
        Files.createDirectories(OUT);
        Path home = Path.of(System.getProperty("meshfleet.home", "..")).toAbsolutePath().normalize();
        Scenario scenario;
        try (InputStream in = DashboardBrowserIT.class.getResourceAsStream("small-fleet.yaml")) {
            scenario = ScenarioReader.read(new String(in.readAllBytes(), StandardCharsets.UTF_8), "small-fleet.yaml");
        }
        stack = new DemoEnvironment(home, OUT.resolve("work"), line -> System.out.println("[stack] " + line))
                .start(scenario);
        browser = chromium();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (stack != null) {
            stack.close();
        }
    }

    /** The Debian chromium through the system chromedriver: nothing is downloaded (no Selenium Manager). */
    static WebDriver chromium() {
        String binary = System.getProperty("meshfleet.chromium", "/usr/bin/chromium");
        String driver = System.getProperty("meshfleet.chromedriver", "/usr/bin/chromedriver");
        if (!new File(binary).canExecute() || !new File(driver).canExecute()) {
            throw new IllegalStateException("this test needs Chromium and its driver at " + binary + " and " + driver
                    + ": apt-get install chromium chromium-driver (.ci/run does), or point -Dmeshfleet.chromium and "
                    + "-Dmeshfleet.chromedriver at them");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(binary);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--window-size=1280,800");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(driver))
                .usingAnyFreePort().withLogFile(OUT.resolve("chromedriver.log").toFile()).build();
        return new ChromeDriver(service, options);
    }

    @Test
    void anOperatorWatchesAPlanLivePausesResumesAndSeesItSucceed() throws Exception {
        String orchestratorUrl = stack.url("orchestrator");
        RestClient orchestrator = new RestClient("orchestrator", orchestratorUrl, stack.token(), "the test");
        mirrorRelease();
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                .until(() -> orchestrator.get("/api/v1/clusters").size() >= 3);
        String planId = orchestrator.postDocument("/api/v1/plans", "application/yaml", PLAN).path("planId").asText();

        // A link to the plan, opened without a session: the login page, then back to the plan.
        browser.get(orchestratorUrl + "/ui/plans/" + planId);
        // The live board redraws parts of the page at any moment: an element found a moment ago may be replaced.
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.ignoring(StaleElementReferenceException.class);
        wait.until(ExpectedConditions.urlContains("/ui/login"));
        browser.findElement(By.id("token")).sendKeys(stack.token());
        browser.findElement(By.id("sign-in")).click();
        wait.until(ExpectedConditions.urlToBe(orchestratorUrl + "/ui/plans/" + planId));
        wait.until(ExpectedConditions.textToBe(By.id("plan-state"), "DRAFT"));
        wait.until(ExpectedConditions.attributeContains(By.id("live"), "class", "ok")); // the event stream is open
        js("window.meshfleetSamePage = 'yes'"); // gone if the page ever reloads
        assertThat(browser.findElement(By.id("user")).getText()).isEqualTo("demo-operator");

        act("start", "browser test: start the canary");
        wait.until(ExpectedConditions.textToBe(By.id("plan-state"), "RUNNING"));
        act("pause", "browser test: hold after the canary");
        wait.until(ExpectedConditions.textToBe(By.id("plan-state"), "PAUSED"));
        assertThat(browser.findElements(By.cssSelector("button[data-action=resume]"))).hasSize(1);
        assertThat(browser.findElements(By.cssSelector("button[data-action=pause]"))).isEmpty();
        screenshot("plan-paused.png");

        // Paused: the canary in flight finishes, live on the page, and the next wave does not start.
        WebDriverWait slow = new WebDriverWait(browser, Duration.ofMinutes(2));
        slow.ignoring(StaleElementReferenceException.class);
        slow.until(ExpectedConditions.attributeToBe(By.cssSelector("li[data-cluster=user-01]"), "data-step",
                "SUCCEEDED"));
        assertThat(wait.<String>until(d -> d.findElement(By.cssSelector("li[data-cluster=user-02]")).getAttribute("data-step")))
                .isEqualTo("PENDING");
        assertThat(browser.findElement(By.id("plan-state")).getText()).isEqualTo("PAUSED");

        act("resume", "browser test: canary looks good");
        slow.until(ExpectedConditions.textToBe(By.id("plan-state"), "SUCCEEDED"));
        assertThat(wait.<String>until(d -> d.findElement(By.cssSelector("li[data-cluster=user-02]")).getAttribute("data-step")))
                .isEqualTo("SUCCEEDED");
        assertThat(js("return window.meshfleetSamePage")).as("the page was never reloaded").isEqualTo("yes");
        // The roller's per-namespace progress reached the page: every namespace of both clusters converged.
        List<String> bars = new ArrayList<>();
        browser.findElements(By.cssSelector("li[data-cluster] .ns")).forEach(bar -> bars.add(bar.getText()));
        assertThat(bars).as("namespace bars").isNotEmpty().allSatisfy(bar -> assertThat(bar).contains("done"));
        assertThat(browser.findElements(By.cssSelector("button.act"))).as("no action on a finished plan").isEmpty();
        screenshot("plan-succeeded.png");

        // Readable on a phone: nothing wider than the screen.
        browser.manage().window().setSize(new Dimension(390, 844));
        assertThat(((Number) js("return document.documentElement.scrollWidth")).intValue())
                .isLessThanOrEqualTo(((Number) js("return window.innerWidth")).intValue());
        screenshot("plan-phone.png");
        browser.manage().window().setSize(new Dimension(1280, 800));

        // The buttons' reasons are in the audit trail with the token's subject; the chain verifies.
        JsonNode actions = orchestrator.get("/api/v1/audit?plan=" + planId + "&type=OPERATOR_ACTION");
        List<String> recorded = new ArrayList<>();
        actions.path("entries").forEach(e -> recorded.add(e.path("actor").asText() + " " + e.path("to").asText()
                + " " + e.path("reason").asText()));
        assertThat(recorded).containsExactly("demo-operator START browser test: start the canary",
                "demo-operator PAUSE browser test: hold after the canary",
                "demo-operator RESUME browser test: canary looks good");
        browser.get(orchestratorUrl + "/ui/audit?plan=" + planId);
        wait.until(ExpectedConditions.textMatches(By.id("chain"), java.util.regex.Pattern.compile("Chain verified.*")));
        screenshot("audit.png");
        browser.get(orchestratorUrl + "/ui/fleet");
        assertThat(browser.findElement(By.cssSelector("tr[data-cluster=admin] .badge.admin")).getText())
                .isEqualTo("ADMIN");
        assertThat(browser.findElement(By.cssSelector("section[data-version='1.5.10-asm.2']")).getText())
                .contains("user-01", "user-02");
        screenshot("fleet.png");
    }

    /** Clicks the board's {@code action} button and confirms it with {@code reason} in the dialog. */
    private void act(String action, String reason) {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        // The board is replaced on every event: find the button again if it went stale between find and click.
        wait.ignoring(StaleElementReferenceException.class).until(d -> {
            d.findElement(By.cssSelector("button[data-action=" + action + "]")).click();
            return true;
        });
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("reason-text"))).sendKeys(reason);
        browser.findElement(By.id("reason-ok")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), action + " done"));
    }

    private Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    private void screenshot(String name) throws IOException {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), OUT.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    private void mirrorRelease() throws Exception {
        RestClient artifacts = new RestClient("artifact-service", stack.url("artifact-service"), null, "the test");
        artifacts.post("/api/v1/mirrors", Map.of("version", DemoEnvironment.TARGET_VERSION, "platforms", List.of("linux"),
                "source", stack.release().directory().toString()), Map.of("Idempotency-Key", "dashboard-e2e"));
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).until(() -> {
            for (JsonNode row : artifacts.get("/api/v1/mirrors")) {
                if ("dashboard-e2e".equals(row.path("requestId").asText())) {
                    assertThat(row.path("status").asText()).as(row.toString()).isNotEqualTo("FAILED");
                    return "DONE".equals(row.path("status").asText());
                }
            }
            return false;
        });
    }
}
