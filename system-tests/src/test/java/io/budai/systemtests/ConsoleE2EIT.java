package io.budai.systemtests;

import static io.budai.systemtests.Fleet.expect;
import static io.budai.systemtests.Fleet.get;
import static io.budai.systemtests.Fleet.meetCode;
import static io.budai.systemtests.Fleet.post;
import static io.budai.systemtests.Fleet.send;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

/**
 * The web console in a real browser (the machine's headless Chromium through chromedriver) against
 * the shared real fleet: an operator signs in with the admin key, creates a user and mints their
 * key (shown once); the user signs in with it, sees an API problem rendered from a refused bot,
 * starts a simulated bot, watches the transcript arrive live over {@code /ws}, then sees the
 * completed meeting's workflow with its action items, owners and delivery, searches it, asks about
 * it; the operator revokes the key and the next page sends the user back to sign-in. No page may
 * trip the Content-Security-Policy or throw, and the layout fits a phone's width.
 */
@ExtendWith(FleetExtension.class)
class ConsoleE2EIT {

  private static final Path CHROMIUM = Path.of(System.getProperty("chromium", "/usr/bin/chromium"));
  private static final Path CHROMEDRIVER =
      Path.of(System.getProperty("chromedriver", "/usr/bin/chromedriver"));

  private static final List<String[]> TURNS =
      List.of(
          new String[] {"Dana Reyes", "Welcome back everyone, today we plan the Borealis beta."},
          new String[] {"Sam Okafor", "Support tickets doubled since the last release of the app."},
          new String[] {"Dana Reyes", "We agreed to delay the Borealis beta by two weeks."},
          new String[] {"Sam Okafor", "I will write the support runbook by Friday."},
          new String[] {"Dana Reyes", "I'll send the revised timeline to the board tomorrow."},
          new String[] {"Sam Okafor", "Good, that is everything for today, thanks."});
  private static final Set<String> SPEAKERS = Set.of("Dana Reyes", "Sam Okafor");

  /** Selenium warns on every start that it has no CDP bindings for this Chromium: unused here. */
  private static final java.util.logging.Logger SELENIUM_LOG =
      java.util.logging.Logger.getLogger("org.openqa.selenium");

  /** With {@code -Dconsole.screenshots=<dir>}, the test saves a screenshot of each step there. */
  private static final String SCREENSHOTS = System.getProperty("console.screenshots", "");

  private ChromeDriver browser;
  private Path profile;
  private String gateway;

  @BeforeEach
  void startBrowser(Fleet fleet) throws IOException {
    assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
        .as(
            "%s and %s are needed: apt-get install -y chromium chromium-driver (.ci/run does)",
            CHROMIUM, CHROMEDRIVER)
        .isTrue();
    SELENIUM_LOG.setLevel(Level.SEVERE);
    gateway = fleet.gateway();
    profile = Files.createTempDirectory("budai-chromium-");
    ChromeOptions options = new ChromeOptions();
    // Both paths given: Selenium Manager (which would download drivers) is never asked.
    options.setBinary(CHROMIUM.toFile());
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
        "--user-data-dir=" + profile,
        "--window-size=1280,1000");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    browser = new ChromeDriver(service, options);
  }

  @AfterEach
  void stopBrowser() throws IOException {
    if (browser != null) {
      browser.quit();
    }
    if (profile != null) {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }

  @Test
  void aUserFollowsAMeetingLiveToItsActionItemsInTheConsole(Fleet fleet) throws Exception {
    // The console's start page sends a stranger to sign-in.
    open("/console/");
    waitUntil("the sign-in page", d -> d.getCurrentUrl().contains("/console/signin"));

    // The operator signs in with the admin key, creates a user and mints their key.
    type(By.id("admin-key"), fleet.adminToken());
    click(By.cssSelector("#admin-signin-form button[type=submit]"));
    waitUntil("the admin page", d -> d.getCurrentUrl().endsWith("/console/admin"));
    String email = "console-" + System.nanoTime() + "@example.com";
    type(By.id("new-user-email"), email);
    type(By.id("new-user-name"), "Casey Console");
    click(By.cssSelector("#create-user-form button[type=submit]"));
    waitUntil("the new user's page", d -> d.getCurrentUrl().contains("/console/admin/users/"));
    String userId = browser.getCurrentUrl().replaceAll(".*/users/", "");
    click(By.id("mint-key"));
    String apiKey = visible(By.id("minted-key")).getText().strip();
    assertThat(apiKey).hasSizeGreaterThan(20);
    assertThat(visible(By.id("user-keys")).getText()).contains("bot, tx");
    // The key the page showed is real: the API takes it.
    JsonNode quote = expect(200, send(get(gateway + "/usage/quote").header("X-API-Key", apiKey)));
    assertThat(quote.path("user_id").asString()).isEqualTo(userId);
    snap("1-admin-user-minted-key");

    // The user signs in with it.
    open("/console/signin");
    type(By.id("api-key"), apiKey);
    click(By.cssSelector("#signin-form button[type=submit]"));
    waitUntil("the meetings page", d -> d.getCurrentUrl().endsWith("/console/meetings"));
    assertThat(visible(By.id("meetings-list")).getText()).contains("No meetings yet");
    assertThat(sessionStorage("budai.apiKey")).isEqualTo(apiKey);

    // Search snippets become text and <mark> only: markup in them stays text, never elements.
    Object rebuilt =
        ((JavascriptExecutor) browser)
            .executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + "const src = document.querySelector('script[type=module]').src;"
                    + "import(src.replace(/app\\.js$/, 'dom.js')).then(m => {"
                    + "  const p = document.createElement('p');"
                    + "  p.append(m.snippet('a <mark>b &amp; c</mark> &lt;i&gt; <img src=x"
                    + " onerror=\"window.pwned=1\"><script>window.pwned=2</script>'));"
                    + "  done([p.querySelectorAll('mark').length, p.children.length,"
                    + "    p.textContent, String(window.pwned)]);"
                    + "}, e => done(['import failed: ' + e]));");
    assertThat(rebuilt)
        .isEqualTo(
            List.of(
                1L,
                1L,
                "a b & c <i> <img src=x onerror=\"window.pwned=1\"><script>window.pwned=2</script>",
                "undefined"));

    // A refused request shows the API's problem, title and detail as the API wrote them.
    click(By.cssSelector("#nav a[href='/console/bots']"));
    type(By.id("bot-native-id"), "not a meeting!");
    new Select(visible(By.id("replay-mode"))).selectByValue("sample");
    Map<String, Object> refused = new LinkedHashMap<>();
    refused.put("platform", "google_meet");
    refused.put("bot_name", "BudAI Notetaker");
    refused.put("language", "en");
    refused.put("native_meeting_id", "not a meeting!");
    refused.put("replay", Map.of("sample", "ES2002a", "speed", 25));
    JsonNode problem =
        expect(422, send(post(gateway + "/bots", refused).header("X-API-Key", apiKey)));
    click(By.id("start-bot"));
    WebElement shown = visible(By.cssSelector("#start-status .problem"));
    assertThat(shown.getAttribute("role")).isEqualTo("alert");
    assertThat(shown.findElement(By.className("problem-title")).getText())
        .isEqualTo("The bot was not started: " + problem.path("title").asString());
    assertThat(shown.findElement(By.className("problem-detail")).getText())
        .isEqualTo(problem.path("detail").asString());
    assertThat(shown.getText()).contains("HTTP 422");
    snap("2-problem");

    // A simulated bot replays a meeting; the transcript appears while the meeting is still on.
    String code = meetCode();
    type(By.id("bot-native-id"), code);
    new Select(visible(By.id("replay-mode"))).selectByValue("own");
    StringBuilder script = new StringBuilder();
    TURNS.forEach(t -> script.append(t[0]).append(": ").append(t[1]).append('\n'));
    type(By.id("replay-turns"), script.toString());
    type(By.id("replay-speed"), "4");
    click(By.id("start-bot"));
    waitUntil(
        "the meeting's page",
        d -> d.getCurrentUrl().contains("/console/meetings/google_meet/" + code));
    Instant started = Instant.now();
    // One script reads the page at one instant: the page re-renders as frames arrive.
    Object[] whileLive = {null};
    new WebDriverWait(browser, Duration.ofSeconds(60), Duration.ofMillis(100))
        .withMessage("a segment delivered over /ws while the meeting is still running")
        .until(
            d -> {
              Object seen =
                  ((JavascriptExecutor) d)
                      .executeScript(
                          "const badge = document.querySelector('#meeting-status .badge');"
                              + "const live = document.getElementById('live-state');"
                              + "const pushed = document.querySelector("
                              + "  \"#transcript li.segment[data-source='live']\");"
                              + "return [badge ? badge.dataset.status : '',"
                              + " live ? live.dataset.state : '', pushed ? pushed.textContent : ''];");
              List<?> values = (List<?>) seen;
              if (values.get(2).toString().isEmpty()
                  || !"live".equals(values.get(1))
                  || "completed".equals(values.get(0))) {
                return false;
              }
              whileLive[0] = values;
              return true;
            });
    List<?> atThatMoment = (List<?>) whileLive[0];
    assertThat(atThatMoment.get(0)).isIn("requested", "joining", "awaiting_admission", "active");
    assertThat(atThatMoment.get(2).toString())
        .containsAnyOf(TURNS.stream().map(t -> t[0]).toArray(String[]::new));
    snap("3-meeting-live");

    // The meeting completes with every turn, in order, with its speaker.
    waitUntil(
        Duration.ofMinutes(3),
        "the meeting to be completed",
        d ->
            "completed".equals(attribute(By.cssSelector("#meeting-status .badge"), "data-status")));
    Duration live = Duration.between(started, Instant.now());
    // Read in one script: the list is re-rendered as frames arrive.
    List<List<String>> expected = TURNS.stream().map(t -> List.of(t[0], t[1], "true")).toList();
    Object[] shownTurns = {null};
    waitUntil(
        "every turn in the transcript, in order, confirmed",
        d -> {
          shownTurns[0] =
              ((JavascriptExecutor) d)
                  .executeScript(
                      "return [...document.querySelectorAll('#transcript li.segment')].map(li =>"
                          + " [li.querySelector('.speaker').textContent,"
                          + " li.querySelector('.segment-text').textContent,"
                          + " li.dataset.completed]);");
          return expected.equals(shownTurns[0]);
        });
    assertThat(visible(By.id("transcript")).getText()).contains("0:00");

    // The workflow completes on the same page: summary, action items with owners, delivery.
    waitUntil(
        Duration.ofMinutes(3),
        "the meeting's workflow to be completed",
        d ->
            !d.findElements(
                    By.cssSelector(
                        "#meeting-workflow .workflow-line .badge[data-status='completed']"))
                .isEmpty());
    WebElement workflow = visible(By.id("meeting-workflow"));
    assertThat(workflow.findElement(By.className("overview")).getText()).isNotBlank();
    assertThat(workflow.getText()).contains("Borealis");
    List<WebElement> items = workflow.findElements(By.cssSelector(".action-items tbody tr"));
    assertThat(items).isNotEmpty();
    List<String> owners =
        workflow.findElements(By.cssSelector(".action-items .owner")).stream()
            .map(WebElement::getText)
            .toList();
    assertThat(owners).as("action item owners").isNotEmpty().allMatch(SPEAKERS::contains);
    assertThat(
            workflow.findElements(By.cssSelector(".action-items .action-text")).stream()
                .map(WebElement::getText))
        .anyMatch(text -> text.contains("runbook") || text.contains("timeline"));
    String delivery = workflow.findElement(By.className("delivery")).getText();
    assertThat(delivery).contains("Slack", Fleet.CHANNEL, "Email", email);
    snap("4-meeting-completed");
    String meetingId = visible(By.id("meeting-id")).getText();

    // Questions about the meeting are answered from its transcript.
    type(By.id("question"), "Who will write the support runbook?");
    click(By.cssSelector("#ask-form button[type=submit]"));
    waitUntil(
        Duration.ofSeconds(90),
        "an answer",
        d -> !d.findElements(By.cssSelector("#answer .answer-text")).isEmpty());
    assertThat(visible(By.cssSelector("#answer .answer-text")).getText()).isNotBlank();

    // Search finds the meeting, with the speaker and the match highlighted.
    click(By.cssSelector("#nav a[href='/console/search']"));
    type(By.id("search-q"), "support runbook");
    click(By.cssSelector("form[role=search] button[type=submit]"));
    WebElement hit = visible(By.cssSelector("#search-results .result"));
    assertThat(hit.getText()).contains("Sam Okafor", code);
    assertThat(hit.findElements(By.tagName("mark"))).isNotEmpty();
    snap("5-search");

    // The workflow's own page lists every step run; the account page shows usage and refuses a
    // private webhook address with the API's problem.
    click(By.cssSelector("#nav a[href='/console/workflows']"));
    waitUntil(
        "the meeting's workflow in the list",
        d -> d.findElement(By.id("workflows-list")).getText().contains(meetingId));
    click(By.cssSelector("#workflows-list a"));
    waitUntil("the workflow's page", d -> d.getCurrentUrl().contains("/console/workflows/"));
    waitUntil(
        "the workflow's step runs",
        d -> d.findElement(By.tagName("main")).getText().contains("Steps"));
    assertThat(visible(By.tagName("main")).getText())
        .contains("summarize", "followup", "deliver", "succeeded", "completed");
    // The workflow page shows the follow-up as it sits in the user's outbox.
    waitUntil(
        "the delivered messages on the workflow's page",
        d -> d.findElements(By.cssSelector("#workflow-delivered .outbox-item")).size() >= 2);

    // The Outbox page lists the meeting's follow-up: the Slack message to the default channel and
    // the e-mail to the user, as text.
    click(By.cssSelector("#nav a[href='/console/outbox']"));
    waitUntil(
        "the meeting's Slack follow-up on the Outbox page",
        d ->
            d.findElement(By.id("outbox-slack")).getText().contains(meetingId)
                && d.findElement(By.id("outbox-email")).getText().contains(meetingId));
    WebElement slackItem =
        visible(By.cssSelector("#outbox-slack .outbox-item[data-meeting-id='" + meetingId + "']"));
    assertThat(slackItem.getText()).contains("C0SYSTEST", "Action items");
    WebElement mailItem =
        visible(By.cssSelector("#outbox-email .outbox-item[data-meeting-id='" + meetingId + "']"));
    assertThat(mailItem.getText()).contains("Borealis");
    assertThat(mailItem.findElements(By.cssSelector("pre *"))).isEmpty();
    snap("5a-outbox");
    click(By.cssSelector("#nav a[href='/console/account']"));
    waitUntil("the usage", d -> d.findElement(By.id("usage")).getText().contains(userId));
    type(By.id("webhook-url"), "http://127.0.0.1:9/hook");
    click(By.cssSelector("#webhook-form button[type=submit]"));
    WebElement webhookProblem = visible(By.cssSelector("#webhook .problem"));
    assertThat(webhookProblem.getText()).contains("Webhook not saved", "HTTP 400");
    snap("5b-account");

    // The key never travelled in a page URL.
    assertThat(browser.getCurrentUrl()).doesNotContain(apiKey);

    // The operator revokes the key; the next page sends the user back to sign-in, saying why.
    open("/console/admin/users/" + userId);
    By revoke = By.cssSelector("#user-keys button[data-token-id]");
    click(revoke);
    click(revoke);
    waitUntil(
        "the revocation notice", d -> d.findElement(By.id("notice")).getText().contains("revoked"));
    fleet.waitFor(
        "the gateway to refuse the revoked key",
        Duration.ofSeconds(10),
        () ->
            send(get(gateway + "/usage/quote").header("X-API-Key", apiKey)).statusCode() == 401
                ? true
                : null);
    open("/console/meetings");
    waitUntil("sign-in after a 401", d -> d.getCurrentUrl().contains("/console/signin"));
    assertThat(visible(By.id("notice")).getText()).contains("Unauthorized");
    assertThat(sessionStorage("budai.apiKey")).isNull();
    snap("6-signed-out-after-401");

    // On a phone's width the navigation folds behind a menu button and nothing overflows.
    browser.manage().window().setSize(new Dimension(390, 844));
    open("/console/signin");
    visible(By.id("api-key"));
    assertThat(visible(By.id("menu-toggle")).isDisplayed()).isTrue();
    assertThat(browser.findElement(By.id("nav")).isDisplayed()).isFalse();
    click(By.id("menu-toggle"));
    assertThat(visible(By.cssSelector("#nav a[href='/console/admin']")).isDisplayed()).isTrue();
    Object overflow =
        ((JavascriptExecutor) browser)
            .executeScript("return document.documentElement.scrollWidth > window.innerWidth + 1;");
    assertThat(overflow).isEqualTo(Boolean.FALSE);
    snap("7-narrow");

    // No page broke the Content-Security-Policy or threw.
    List<String> problems =
        browser.manage().logs().get(LogType.BROWSER).getAll().stream()
            .map(LogEntry::getMessage)
            .filter(
                m ->
                    m.contains("Content Security Policy")
                        || m.contains("Uncaught")
                        || m.contains("SyntaxError"))
            .toList();
    assertThat(problems).as("browser console").isEmpty();
    System.out.printf(
        "console e2e: meeting live-to-completed in %s s in the browser%n",
        live.toMillis() / 1000.0);
  }

  // ------------------------------------------------------------------------------------ support

  private void snap(String name) throws IOException {
    if (SCREENSHOTS.isBlank()) {
      return;
    }
    Path dir = Files.createDirectories(Path.of(SCREENSHOTS));
    Dimension size = browser.manage().window().getSize();
    Object height =
        ((JavascriptExecutor) browser).executeScript("return document.body.scrollHeight;");
    browser
        .manage()
        .window()
        .setSize(
            new Dimension(
                size.getWidth(), Math.max(size.getHeight(), ((Number) height).intValue() + 120)));
    Files.write(
        dir.resolve(name + ".png"),
        ((org.openqa.selenium.TakesScreenshot) browser)
            .getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
    browser.manage().window().setSize(size);
  }

  private void open(String path) {
    browser.get(gateway + path);
  }

  private WebElement visible(By by) {
    return new WebDriverWait(browser, Duration.ofSeconds(30))
        .until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  private void click(By by) {
    new WebDriverWait(browser, Duration.ofSeconds(30))
        .until(ExpectedConditions.elementToBeClickable(by))
        .click();
  }

  private void type(By by, String text) {
    WebElement input = visible(by);
    input.clear();
    input.sendKeys(text);
  }

  private String attribute(By by, String name) {
    List<WebElement> found = browser.findElements(by);
    return found.isEmpty() ? null : found.getFirst().getAttribute(name);
  }

  private Object sessionStorage(String key) {
    return ((JavascriptExecutor) browser)
        .executeScript("return sessionStorage.getItem(arguments[0]);", key);
  }

  private void waitUntil(
      String what, java.util.function.Function<org.openqa.selenium.WebDriver, Boolean> done) {
    waitUntil(Duration.ofSeconds(30), what, done);
  }

  private void waitUntil(
      Duration atMost,
      String what,
      java.util.function.Function<org.openqa.selenium.WebDriver, Boolean> done) {
    new WebDriverWait(browser, atMost, Duration.ofMillis(200))
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .withMessage(() -> what + " — page at " + browser.getCurrentUrl())
        .until(done);
  }
}
