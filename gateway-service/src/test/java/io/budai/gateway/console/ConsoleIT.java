package io.budai.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.budai.contracts.BudaiHeaders;
import io.budai.gateway.Downstreams;
import io.budai.gateway.FakeDownstream;
import io.budai.gateway.GatewayHttp;
import io.budai.gateway.routes.RouteTable;
import io.budai.test.RealInfrastructure;
import java.net.http.HttpResponse;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The web console as the gateway serves it: the shell and every asset it loads (types, caching,
 * security headers), client-side pages, unknown paths, and that serving it opens no API route.
 */
@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {"budai.gateway.auth.admin-token=console-admin-token"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@RealInfrastructure
class ConsoleIT {

  private static final Pattern ASSET_URL =
      Pattern.compile("(?:src|href)=\"(/console/assets/([0-9a-f]{12})/[^\"]+)\"");
  private static final Pattern MODULE_IMPORT =
      Pattern.compile("(?:from|import)\\s*\\(?\\s*'(\\./|\\.\\./)([^']+)'");

  @DynamicPropertySource
  static void downstreams(DynamicPropertyRegistry registry) {
    Downstreams.register(registry);
  }

  @LocalServerPort int port;
  @Autowired RouteTable table;
  GatewayHttp http;

  @BeforeEach
  void client() {
    http = new GatewayHttp(port);
    Downstreams.SERVICES.values().forEach(FakeDownstream::clear);
  }

  @Test
  void servesTheShellAsHtmlThatRevalidatesWithSecurityHeadersAndNoInlineCode() {
    for (String path : List.of("/console", "/console/")) {
      HttpResponse<String> shell = http.get(path);
      assertThat(shell.statusCode()).as(path).isEqualTo(200);
      assertThat(GatewayHttp.contentType(shell)).isEqualTo("text/html;charset=UTF-8");
      assertThat(shell.headers().firstValue("Cache-Control")).hasValue("no-cache");
      assertThat(shell.headers().firstValue("ETag")).isPresent();
      assertSecurityHeaders(shell);
      String html = shell.body();
      assertThat(html).contains("<script type=\"module\" src=\"/console/assets/");
      // Every <script> loads a file (CSP forbids inline script), no inline style or handler
      // attribute, and nothing is fetched from another origin.
      assertThat(Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>").matcher(html).find()).isFalse();
      assertThat(html).doesNotContain(" style=").doesNotContain(" onclick=").doesNotContain("{{");
      assertThat(Pattern.compile("(src|href)=\"(https?:)?//").matcher(html).find()).isFalse();
    }
  }

  @Test
  void servesEveryAssetTheShellLoadsAndEveryModuleItImportsWithItsTypeAndImmutableCaching() {
    String html = http.get("/console").body();
    Matcher urls = ASSET_URL.matcher(html);
    Deque<String> pending = new ArrayDeque<>();
    while (urls.find()) {
      pending.add(urls.group(1));
    }
    assertThat(pending).anyMatch(url -> url.endsWith("/app.js"));
    assertThat(pending).anyMatch(url -> url.endsWith("/console.css"));
    Set<String> seen = new LinkedHashSet<>();
    while (!pending.isEmpty()) {
      String url = pending.poll();
      if (!seen.add(url)) {
        continue;
      }
      HttpResponse<String> asset = http.get(url);
      assertThat(asset.statusCode()).as(url).isEqualTo(200);
      assertThat(GatewayHttp.contentType(asset)).as(url).isEqualTo(expectedType(url));
      assertThat(asset.headers().firstValue("Cache-Control"))
          .as(url)
          .hasValue("max-age=31536000, public, immutable");
      assertThat(asset.headers().firstValue("ETag")).as(url).isPresent();
      assertSecurityHeaders(asset);
      if (url.endsWith(".js")) {
        assertThat(asset.body()).as(url).doesNotContain("innerHTML").doesNotContain("eval(");
        Matcher imports = MODULE_IMPORT.matcher(asset.body());
        while (imports.find()) {
          String dir = url.substring(0, url.lastIndexOf('/') + 1);
          String target = imports.group(1).equals("../") ? parent(dir) : dir;
          pending.add(target + imports.group(2));
        }
      }
    }
    // app.js, api.js, dom.js, live.js, render.js, the views, the stylesheet and the icon.
    assertThat(seen).hasSizeGreaterThanOrEqualTo(14);
  }

  @Test
  void answersConditionalRequestsWith304() {
    HttpResponse<String> shell = http.get("/console/");
    String etag = shell.headers().firstValue("ETag").orElseThrow();
    HttpResponse<String> again = http.get("/console/", "If-None-Match", etag);
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
    assertSecurityHeaders(again);

    Matcher script = ASSET_URL.matcher(shell.body());
    assertThat(script.find()).isTrue();
    String asset = script.group(1);
    String assetTag = http.get(asset).headers().firstValue("ETag").orElseThrow();
    assertThat(http.get(asset, "If-None-Match", assetTag).statusCode()).isEqualTo(304);
  }

  @Test
  void servesTheShellAtEveryPageOfTheApplicationSoLinksAndReloadsWork() {
    for (String page :
        List.of(
            "/console/signin",
            "/console/meetings",
            "/console/meetings/google_meet/abc-defg-hij",
            "/console/meetings/jitsi/room@meet.jit.si",
            "/console/bots",
            "/console/search",
            "/console/workflows/0196c1a2-0000-7000-8000-000000000000",
            "/console/outbox",
            "/console/account",
            "/console/admin",
            "/console/admin/users/7")) {
      HttpResponse<String> answer = http.get(page, "Accept", "text/html");
      assertThat(answer.statusCode()).as(page).isEqualTo(200);
      assertThat(GatewayHttp.contentType(answer)).as(page).startsWith("text/html");
      assertThat(answer.body()).as(page).contains("<main id=\"main\"");
      assertSecurityHeaders(answer);
    }
  }

  @Test
  void answersUnknownConsolePathsWith404() {
    // A browser gets the shell (which says "page not found" with the navigation), others a problem.
    HttpResponse<String> browser =
        http.get("/console/no-such-page", "Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
    assertThat(browser.statusCode()).isEqualTo(404);
    assertThat(GatewayHttp.contentType(browser)).startsWith("text/html");
    assertSecurityHeaders(browser);

    HttpResponse<String> client = http.get("/console/no-such-page");
    assertThat(client.statusCode()).isEqualTo(404);
    assertThat(GatewayHttp.contentType(client)).startsWith("application/problem+json");
    assertThat(GatewayHttp.json(client).path("title").asString()).isEqualTo("Not found");
    assertSecurityHeaders(client);

    String version = version();
    for (String missing :
        List.of(
            "/console/assets/" + version + "/no-such.js",
            "/console/assets/000000000000/app.js",
            "/console/assets/app.js",
            "/console/assets/" + version + "/../../application.yml",
            "/console/assets/" + version + "/%2e%2e/%2e%2e/application.yml",
            "/console/assets/" + version + "/..%2f..%2findex.html")) {
      HttpResponse<String> answer = http.get(missing, "Accept", "text/html");
      assertThat(answer.statusCode()).as(missing).isBetween(400, 404);
      assertThat(GatewayHttp.contentType(answer)).as(missing).startsWith("application/problem");
      assertThat(answer.body()).as(missing).doesNotContain("spring:").doesNotContain("<html");
    }

    HttpResponse<String> post = http.send("POST", "/console/", "{}");
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(GatewayHttp.contentType(post)).startsWith("application/problem+json");
  }

  @Test
  void servingTheConsoleOpensNoApiRoute() {
    // No console path is a gateway route, so the console's handler never stands in for one.
    for (String path :
        List.of("/console", "/console/", "/console/meetings", "/console/assets/x/app.js")) {
      for (HttpMethod method : List.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.DELETE)) {
        assertThat(table.match(method, path)).as("%s %s", method, path).isEmpty();
      }
    }
    String html = http.get("/console/meetings").body();
    Matcher urls = ASSET_URL.matcher(html);
    while (urls.find()) {
      http.get(urls.group(1));
    }
    Downstreams.SERVICES.forEach(
        (name, fake) -> assertThat(fake.received()).as("requests reaching %s", name).isEmpty());

    // The API the console calls is as closed as ever without the credential, also from a page.
    for (String path : List.of("/meetings", "/bots/status", "/workflows", "/usage/quote")) {
      HttpResponse<String> refused = http.get(path, "Referer", "http://127.0.0.1/console/");
      assertThat(refused.statusCode()).as(path).isEqualTo(401);
    }
    assertThat(http.get("/admin/users").statusCode()).isEqualTo(401);
    assertThat(http.get("/console/../meetings").statusCode()).isIn(401, 404);
    assertThat(
            http.get("/meetings", BudaiHeaders.ADMIN_API_KEY, "console-admin-token").statusCode())
        .isEqualTo(401);
  }

  @Test
  void theWelcomeLinksTheConsoleAndSendsBrowsersThere() {
    HttpResponse<String> api = http.get("/");
    assertThat(api.statusCode()).isEqualTo(200);
    assertThat(GatewayHttp.json(api).path("console").asString()).isEqualTo("/console/");

    HttpResponse<String> browser =
        http.get("/", "Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
    assertThat(browser.statusCode()).isEqualTo(303);
    assertThat(browser.headers().firstValue("Location")).hasValue("/console/");
  }

  private String version() {
    Matcher matcher = ASSET_URL.matcher(http.get("/console").body());
    assertThat(matcher.find()).isTrue();
    return matcher.group(2);
  }

  private static String parent(String dir) {
    String trimmed = dir.substring(0, dir.length() - 1);
    return trimmed.substring(0, trimmed.lastIndexOf('/') + 1);
  }

  private static String expectedType(String url) {
    if (url.endsWith(".js")) {
      return "text/javascript;charset=UTF-8";
    }
    if (url.endsWith(".css")) {
      return "text/css;charset=UTF-8";
    }
    if (url.endsWith(".svg")) {
      return "image/svg+xml";
    }
    throw new AssertionError("unexpected asset " + url);
  }

  private static void assertSecurityHeaders(HttpResponse<String> response) {
    String csp = response.headers().firstValue("Content-Security-Policy").orElse("");
    assertThat(csp)
        .as("CSP of %s", response.uri())
        .contains("default-src 'none'", "script-src 'self'", "frame-ancestors 'none'")
        .doesNotContain("unsafe-inline")
        .doesNotContain("unsafe-eval");
    assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
    assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
  }
}
