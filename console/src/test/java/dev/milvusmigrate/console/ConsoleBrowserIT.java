package dev.milvusmigrate.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.milvusmigrate.core.domain.TopicNames;
import dev.milvusmigrate.kafka.TopicReader;
import dev.milvusmigrate.lag.LagMonitorService;
import dev.milvusmigrate.proxy.PassThroughServer;
import dev.milvusmigrate.proxy.ProxyConfig;
import dev.milvusmigrate.schemas.avro.CommandType;
import dev.milvusmigrate.schemas.avro.ControlCommand;
import dev.milvusmigrate.testkit.kafka.KafkaBroker;
import dev.milvusmigrate.testkit.kafka.KafkaBrokerExtension;
import dev.milvusmigrate.testkit.milvus.MilvusLiteExtension;
import dev.milvusmigrate.testkit.milvus.MilvusLiteServer;
import dev.milvusmigrate.testkit.milvus.PythonMilvusEnvironment;
import dev.milvusmigrate.testkit.python.PyMilvus;
import dev.milvusmigrate.testkit.python.PyMilvusWorkload;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The console's page in a real headless Chromium (Debian's chromium and chromium-driver, which
 * .ci/run installs), on the real broker: a real offline job between two Milvus Lite servers
 * followed to SUCCESSFUL with its verification table; a real zero-downtime job whose Lag Behind Source
 * the page shows fall below 10 s, stopped with Stop Data Sync behind its confirmation checkbox and
 * followed to SUCCESSFUL with its verification table. Screenshots go to target/screenshots.
 */
@ExtendWith({MilvusLiteExtension.class, KafkaBrokerExtension.class})
class ConsoleBrowserIT {

  private static final Duration PAGE = Duration.ofSeconds(30);
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");
  private static final String PROXY_SOURCE_ID = "lite";
  private static MilvusLiteServer target;
  private static ChromeDriver browser;

  @BeforeAll
  static void start() {
    target = MilvusLiteServer.start(PythonMilvusEnvironment.shared());
    ChromeOptions options = new ChromeOptions().setBinary("/usr/bin/chromium")
        .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1200,1000");
    browser = new ChromeDriver(new ChromeDriverService.Builder()
        .usingDriverExecutable(new File("/usr/bin/chromedriver")).build(), options);
  }

  @AfterAll
  static void stop() {
    browser.quit();
    target.close();
  }

  @Test
  void theJobsPageFollowsAnOfflineJobToSuccessfulAndShowsItsVerificationTable(MilvusLiteServer source)
      throws IOException {
    String prefix = ConsoleFixtures.unique("browser");
    String collection = ConsoleFixtures.unique("books");
    PyMilvus.shared().run(PyMilvus.script("lite_collections.py"), Duration.ofMinutes(3), "create", "--uri",
        source.uri(), "--collection", collection, "--rows", "80");
    try (ConsoleFixtures.Services services = new ConsoleFixtures.Services(prefix, source.uri(), target.uri());
        ConsoleServer console = ConsoleFixtures.console(prefix)) {
      open(console, ConsoleFixtures.READER);
      assertThat(browser.findElement(By.id("main")).getText()).contains("No jobs yet.");

      ConsoleHttp.Reply submitted = new ConsoleHttp(console.port()).post("/v2/jobs", ConsoleFixtures.OPERATOR,
          "{\"mode\": \"offline\", \"jobId\": \"" + prefix + "\", \"source\": \"" + source.uri() + "\", \"target\": \""
              + target.uri() + "\", \"database\": \"default\", \"collections\": [\"" + collection + "\"]}");
      assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);

      page().atMost(Duration.ofMinutes(3)).untilAsserted(() -> assertThat(browser.findElements(
          By.cssSelector("#jobs tr[data-job='" + prefix + "']"))).singleElement()
          .satisfies(row -> assertThat(row.getText()).contains("SUCCESSFUL", "100.0% (80/80 rows)")));
      click(By.linkText(prefix));
      page().untilAsserted(() -> {
        assertThat(browser.findElements(By.cssSelector("#verification tr"))).hasSize(2).last().satisfies(row ->
            assertThat(row.getText()).contains("default." + collection, "80", "passed"));
        assertThat(browser.findElement(By.id("state")).getText()).isEqualTo("SUCCESSFUL");
        assertThat(browser.findElement(By.id("collections")).getText()).contains("default." + collection, "80/80");
        assertThat(browser.findElements(By.id("stop-sync"))).as("no Stop Data Sync for an ended job").isEmpty();
      });
      screenshot("console-offline-job.png");
    }
  }

  /**
   * A zero-downtime job from a Milvus Lite 3.2.2 whose pymilvus application writes through the
   * capture-proxy (the job names it in {@code captureProxy}) to another Milvus Lite, every service
   * deployed next to the console: the page shows the job syncing, then, once the writer stopped, its
   * Lag Behind Source below 10 s and the lag-monitor's notification; Stop Data Sync, pressed after
   * the confirmation is ticked, ends the job SUCCESSFUL with the verification table passed, and
   * pymilvus finds the target equal to the source. While it syncs, the page says that the proxy
   * serves the source and offers the cutover through it.
   */
  @Test
  void theJobPageWatchesAZeroDowntimeJobsLagFallBelowTenSecondsThenStopsItsSyncToSuccessful() throws Exception {
    String prefix = ConsoleFixtures.unique("browser");
    String database = ConsoleFixtures.unique("live");
    PyMilvusWorkload workload = new PyMilvusWorkload(database, "rich", List.of("p_north"));
    Path writerFiles = Files.createTempDirectory("console-writer");
    try (MilvusLiteServer source = MilvusLiteServer.start(PythonMilvusEnvironment.shared());
        MilvusLiteServer emptyTarget = MilvusLiteServer.start(PythonMilvusEnvironment.shared());
        ConsoleFixtures.Services services = ConsoleFixtures.Services.zeroDowntime(prefix, source.uri(),
            emptyTarget.uri());
        PassThroughServer proxy = PassThroughServer.start(proxyConfig(prefix, source.uri()), new SimpleMeterRegistry());
        ConsoleServer console = ConsoleFixtures.console(prefix)) {
      String throughProxy = "http://127.0.0.1:" + proxy.port();
      workload.create(throughProxy, 300, false);
      open(console, ConsoleFixtures.OPERATOR);
      try (PyMilvusWorkload.Writer writer = workload.startWriter(throughProxy, 100_000, 24,
          PyMilvusWorkload.Pace.STEADY, writerFiles, false)) {
        writer.awaitOperations(3, Duration.ofMinutes(1));
        ConsoleHttp.Reply submitted = new ConsoleHttp(console.port()).post("/v2/jobs", ConsoleFixtures.OPERATOR,
            "{\"mode\": \"zero-downtime\", \"jobId\": \"" + prefix + "\", \"source\": \"" + source.uri()
                + "\", \"target\": \"" + emptyTarget.uri() + "\", \"captureProxy\": \"" + PROXY_SOURCE_ID + "\"}");
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
        click(By.linkText(prefix));
        page().atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
          assertThat(browser.findElement(By.id("state")).getText()).isEqualTo("IN_PROGRESS");
          assertThat(browser.findElement(By.cssSelector(".stages li.current")).getText()).isEqualTo("SYNCING");
          assertThat(browser.findElement(By.id("proxy")).getText()).isEqualTo("The capture-proxy for source '"
              + PROXY_SOURCE_ID + "' serves the source " + source.uri() + "; `milvus-migrate cutover " + prefix
              + "` switches it to the target.");
          assertThat(browser.findElement(By.id("cutover")).getText()).isEqualTo("Cut over through the proxy");
        });
        writer.awaitOperations(writer.operations() + 20, Duration.ofMinutes(1));
        writer.stop();
      }
      page().atMost(Duration.ofMinutes(1)).untilAsserted(() -> {
        assertThat(browser.findElement(By.id("notification")).getText())
            .contains("Lag Behind Source has stayed below 10");
        assertThat(browser.findElement(By.id("lag")).getText()).matches("\\d+\\.\\d s")
            .satisfies(lag -> assertThat(Double.parseDouble(lag.replace(" s", ""))).isLessThan(10.0));
        assertThat(browser.findElement(By.id("stop-sync")).isEnabled()).isFalse();
      });
      screenshot("console-zero-downtime-caught-up.png");
      click(By.id("confirm"));
      page().until(() -> browser.findElement(By.id("stop-sync")).isEnabled());
      click(By.id("stop-sync"));

      page().atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
        assertThat(browser.findElement(By.id("state")).getText()).isEqualTo("SUCCESSFUL");
        assertThat(browser.findElements(By.cssSelector("#verification tr"))).hasSize(2).last().satisfies(row ->
            assertThat(row.getText()).contains(database + ".rich", "passed"));
        assertThat(browser.findElements(By.id("stop-sync"))).as("no Stop Data Sync for an ended job").isEmpty();
      });
      assertThat(browser.findElement(By.id("error")).isDisplayed()).isFalse();
      screenshot("console-zero-downtime-successful.png");
      PyMilvusWorkload.Comparison comparison = workload.compare(source.uri(), emptyTarget.uri());
      assertThat(comparison.equal()).as(comparison.summary()).isTrue();
    }
  }

  /**
   * A zero-downtime job whose capture and sink are not deployed stays running: its page offers Stop Data
   * Sync only once the confirmation is ticked, and pressing it writes STOP_SYNC with the confirmation.
   */
  @Test
  void stopDataSyncIsPressedOnlyAfterTheConfirmationIsTicked() throws IOException {
    String prefix = ConsoleFixtures.unique("browser");
    try (LagMonitorService lagMonitor = ConsoleFixtures.lagMonitor(prefix);
        ConsoleServer console = ConsoleFixtures.console(prefix)) {
      ConsoleHttp.Reply submitted = new ConsoleHttp(console.port()).post("/v2/jobs", ConsoleFixtures.OPERATOR,
          "{\"mode\": \"zero-downtime\", \"jobId\": \"" + prefix + "\", \"source\": \"http://source.example:19530\","
              + " \"target\": \"http://target.example:19530\"}");
      assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
      open(console, ConsoleFixtures.OPERATOR);
      click(By.linkText(prefix));
      page().untilAsserted(() -> {
        assertThat(browser.findElement(By.id("stop-sync")).isEnabled()).isFalse();
        assertThat(browser.findElement(By.cssSelector(".stop label")).getText())
            .isEqualTo("I confirm that I have stopped writes to the source cluster");
        assertThat(browser.findElement(By.id("lag-chart")).isDisplayed()).isTrue();
      });
      WebElement ticked = click(By.id("confirm"));
      // Another job's first status redraws the page: the tick must survive it.
      ConsoleHttp.Reply other = new ConsoleHttp(console.port()).post("/v2/jobs", ConsoleFixtures.OPERATOR,
          "{\"mode\": \"zero-downtime\", \"source\": \"http://source.example:19530\","
              + " \"target\": \"http://target.example:19530\"}");
      assertThat(other.status()).as(other.body()).isEqualTo(202);
      page().until(() -> isStale(ticked));
      page().untilAsserted(() -> {
        assertThat(browser.findElement(By.id("confirm")).isSelected()).isTrue();
        assertThat(browser.findElement(By.id("stop-sync")).isEnabled()).isTrue();
      });
      screenshot("console-zero-downtime-job.png");
      click(By.id("stop-sync"));

      page().untilAsserted(() -> assertThat(commands(prefix))
          .filteredOn(command -> command.getJobId().equals(prefix))
          .extracting(ControlCommand::getType, ControlCommand::getWritesStoppedConfirmed)
          .containsExactly(org.assertj.core.groups.Tuple.tuple(CommandType.STOP_SYNC, true)));
      assertThat(browser.findElement(By.id("error")).isDisplayed()).isFalse();
    }
  }

  /**
   * A job's own page (GET) answered before the job changed but received after the event stream
   * brought the change never takes the page back: here the first answer is held in the browser
   * until the job, canceled meanwhile, shows CANCELED, and the page still says CANCELED after it
   * is let through.
   */
  @Test
  void aJobPageAnsweredBeforeTheJobChangedNeverTakesThePageBack() throws IOException {
    String prefix = ConsoleFixtures.unique("browser");
    try (LagMonitorService lagMonitor = ConsoleFixtures.lagMonitor(prefix);
        ConsoleServer console = ConsoleFixtures.console(prefix)) {
      ConsoleHttp http = new ConsoleHttp(console.port());
      ConsoleHttp.Reply submitted = http.post("/v2/jobs", ConsoleFixtures.OPERATOR, "{\"mode\": \"zero-downtime\","
          + " \"jobId\": \"" + prefix + "\", \"source\": \"http://source.example:19530\","
          + " \"target\": \"http://target.example:19530\"}");
      assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
      open(console, ConsoleFixtures.OPERATOR);
      page().until(() -> browser.findElement(By.cssSelector("#jobs tr[data-job='" + prefix + "']")).getText()
          .contains("IN_PROGRESS"));
      browser.executeScript(HOLD_FIRST_JOB_PAGE, prefix);
      click(By.linkText(prefix));
      page().until(() -> Boolean.TRUE.equals(browser.executeScript("return window.heldPage !== undefined")));
      assertThat(browser.executeScript("return window.heldPage.state")).isEqualTo("IN_PROGRESS");

      ConsoleHttp.Reply canceled = http.post("/v2/jobs/" + prefix + "/cancel", ConsoleFixtures.OPERATOR, "{}");
      assertThat(canceled.status()).as(canceled.body()).isEqualTo(202);
      page().until(() -> browser.findElement(By.id("state")).getText().equals("CANCELED"));
      // the page asks for the ended job's page again (its verification): that newer answer is in first
      page().until(() -> ((Number) browser.executeScript("return window.laterPages")).intValue() > 0);
      browser.executeScript("window.releaseHeld()");

      page().during(Duration.ofSeconds(2)).atMost(PAGE)
          .until(() -> browser.findElement(By.id("state")).getText().equals("CANCELED"));
    }
  }

  /**
   * Holds the page's first answer to GET /v2/jobs/{arguments[0]} until window.releaseHeld() is
   * called, and counts the later answers in window.laterPages.
   */
  private static final String HOLD_FIRST_JOB_PAGE = """
      const path = '/v2/jobs/' + encodeURIComponent(arguments[0]);
      const original = window.call;
      let held = false;
      window.laterPages = 0;
      window.call = (method, target, body) => {
        const answer = original(method, target, body);
        if (method !== 'GET' || target !== path) { return answer; }
        if (held) { return answer.finally(() => { window.laterPages++; }); }
        held = true;
        return answer.then(page => new Promise(resolve => {
          window.heldPage = page;
          window.releaseHeld = () => resolve(page);
        }));
      };
      """;

  /**
   * Logs in as a user does when the browser asks (Basic, the token as the password): the first
   * navigation carries the credentials, which Chromium then sends with the page's own requests.
   */
  private static void open(ConsoleServer console, String token) {
    browser.get("http://user:" + token + "@127.0.0.1:" + console.port() + "/");
    browser.get("http://127.0.0.1:" + console.port() + "/");
    page().until(() -> !browser.findElement(By.id("main")).getText().equals("Loading…"));
  }

  /** Waits for page conditions; the page redraws on every event, so an element read may be gone and is read again. */
  private static ConditionFactory page() {
    // an element the page has not drawn yet, or redrew meanwhile, is looked for again
    return await().atMost(PAGE).ignoreExceptionsMatching(e -> e instanceof StaleElementReferenceException
        || e instanceof NoSuchElementException);
  }

  /** Clicks the element once it is there, finding it again if the page redrew it meanwhile. */
  private static WebElement click(By element) {
    AtomicReference<WebElement> clicked = new AtomicReference<>();
    page().until(() -> {
      List<WebElement> found = browser.findElements(element);
      if (found.isEmpty()) {
        return false;
      }
      found.get(0).click();
      clicked.set(found.get(0));
      return true;
    });
    return clicked.get();
  }

  private static boolean isStale(WebElement element) {
    try {
      element.isDisplayed();
      return false;
    } catch (StaleElementReferenceException e) {
      return true;
    }
  }

  private static ProxyConfig proxyConfig(String prefix, String source) {
    return ProxyConfig.of(Map.of(), Map.of(), Map.of("kafka.bootstrap", KafkaBroker.shared().bootstrapServers(),
        "kafka.topic-prefix", prefix, "source.uri", source, "proxy.listen", "127.0.0.1:0",
        "proxy.source-id", PROXY_SOURCE_ID));
  }

  private static List<ControlCommand> commands(String prefix) {
    return TopicReader.readAll(KafkaBroker.shared().bootstrapServers(), new TopicNames(prefix).control(),
        ControlCommand.class).stream().map(r -> r.value()).toList();
  }

  private static void screenshot(String name) throws IOException {
    Files.createDirectories(SCREENSHOTS);
    Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOTS.resolve(name),
        StandardCopyOption.REPLACE_EXISTING);
  }
}
