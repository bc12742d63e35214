package io.budai.gateway.console;

import io.budai.platform.web.ProblemException;
import io.swagger.v3.oas.annotations.Hidden;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * Serves the console: the shell at {@code /console} and at every page path of the application
 * (client-side routes such as {@code /console/meetings/google_meet/abc-defg-hij}, so a reload or a
 * shared link works), and the versioned assets. A path that is no page of the console is a 404:
 * browsers get the shell, which shows "page not found" with the navigation, other clients a
 * problem. A missing asset is always a 404 problem, never the shell (a script must not be HTML).
 */
@Controller
@Hidden
class ConsoleController {

  /** The application's top-level pages (first path segment after {@code /console/}). */
  static final Set<String> PAGES =
      Set.of("signin", "meetings", "bots", "search", "workflows", "outbox", "account", "admin");

  private static final CacheControl REVALIDATE = CacheControl.noCache();
  private static final CacheControl IMMUTABLE =
      CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();

  private final ConsoleAssets assets;

  ConsoleController(ResourcePatternResolver resolver) {
    this.assets = ConsoleAssets.load(resolver);
  }

  @GetMapping({"/console", "/console/"})
  ResponseEntity<byte[]> shell() {
    return shell(HttpStatus.OK);
  }

  @GetMapping("/console/assets/{version}/**")
  ResponseEntity<byte[]> asset(@PathVariable String version, ServerHttpRequest request) {
    String path = request.getPath().pathWithinApplication().value();
    String prefix = ConsoleAssets.ASSETS_PATH + version + "/";
    ConsoleAssets.Asset asset =
        path.startsWith(prefix) ? assets.asset(version, path.substring(prefix.length())) : null;
    if (asset == null) {
      throw new ProblemException(
          HttpStatus.NOT_FOUND,
          "not-found",
          "Not found",
          "The console has no such file (its assets are under "
              + ConsoleAssets.ASSETS_PATH
              + assets.version()
              + "/).");
    }
    return ResponseEntity.ok()
        .cacheControl(IMMUTABLE)
        .eTag(asset.etag())
        .contentType(asset.type())
        .body(asset.body());
  }

  @GetMapping("/console/**")
  ResponseEntity<byte[]> page(ServerHttpRequest request) {
    String path = request.getPath().pathWithinApplication().value();
    String rest = path.substring("/console/".length());
    String section = rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest;
    if (PAGES.contains(section)) {
      return shell(HttpStatus.OK);
    }
    if (acceptsHtml(request)) {
      return shell(HttpStatus.NOT_FOUND);
    }
    throw new ProblemException(
        HttpStatus.NOT_FOUND, "not-found", "Not found", "The console has no page at " + path + ".");
  }

  private ResponseEntity<byte[]> shell(HttpStatus status) {
    ConsoleAssets.Asset shell = assets.shell();
    ResponseEntity.BodyBuilder answer =
        ResponseEntity.status(status).cacheControl(REVALIDATE).contentType(shell.type());
    if (status == HttpStatus.OK) {
      answer.eTag(shell.etag());
    }
    return answer.body(shell.body());
  }

  private static boolean acceptsHtml(ServerHttpRequest request) {
    List<MediaType> accepted = request.getHeaders().getAccept();
    return accepted.stream().anyMatch(MediaType.TEXT_HTML::equalsTypeAndSubtype);
  }
}
