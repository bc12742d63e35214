package io.budai.gateway.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.http.MediaType;

/**
 * The console's files, read once at start-up into memory (a few dozen kilobytes). Only files found
 * under {@code classpath:console/assets/} can ever be served — a request path is a map key, never a
 * file name — so no path can escape the directory.
 *
 * <p>Assets are served under a version segment ({@code /console/assets/<version>/app.js}), the hash
 * of every asset's name and content: a release changes the URL, so assets may be cached for a year,
 * and ES modules importing each other by relative paths stay inside one version. The shell ({@code
 * index.html}) names the version and is revalidated on every load.
 */
final class ConsoleAssets {

  /**
   * Where the assets are served; the shell's {@code {{assets}}} placeholder becomes this + version.
   */
  static final String ASSETS_PATH = "/console/assets/";

  private static final String ROOT = "console/assets/";

  /**
   * One file.
   *
   * @param body its bytes
   * @param type its media type
   * @param etag a strong entity tag (quoted content hash)
   */
  record Asset(byte[] body, MediaType type, String etag) {}

  private final Map<String, Asset> assets;
  private final Asset shell;
  private final String version;

  private ConsoleAssets(Map<String, Asset> assets, Asset shell, String version) {
    this.assets = assets;
    this.shell = shell;
    this.version = version;
  }

  static ConsoleAssets load(ResourcePatternResolver resolver) {
    try {
      Map<String, byte[]> files = new TreeMap<>();
      for (Resource resource : resolver.getResources("classpath*:" + ROOT + "**")) {
        String url = resource.getURL().toString();
        int at = url.lastIndexOf("/" + ROOT);
        if (at < 0 || url.endsWith("/") || !resource.isReadable()) {
          continue;
        }
        try (InputStream in = resource.getInputStream()) {
          files.put(url.substring(at + ROOT.length() + 1), in.readAllBytes());
        }
      }
      if (files.isEmpty()) {
        throw new IllegalStateException("No console assets found under classpath:" + ROOT);
      }
      MessageDigest all = sha256();
      Map<String, Asset> assets = new TreeMap<>();
      files.forEach(
          (name, body) -> {
            all.update(name.getBytes(StandardCharsets.UTF_8));
            all.update((byte) 0);
            all.update(body);
            assets.put(name, new Asset(body, typeOf(name), etag(body)));
          });
      String version = HexFormat.of().formatHex(all.digest()).substring(0, 12);
      Resource index = resolver.getResource("classpath:console/index.html");
      String template;
      try (InputStream in = index.getInputStream()) {
        template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      byte[] shell =
          template.replace("{{assets}}", ASSETS_PATH + version).getBytes(StandardCharsets.UTF_8);
      return new ConsoleAssets(
          Map.copyOf(assets),
          new Asset(shell, new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8), etag(shell)),
          version);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the console's files", e);
    }
  }

  /** The application shell, {@code index.html}, with the asset version filled in. */
  Asset shell() {
    return shell;
  }

  /** The current asset version (12 hex digits). */
  String version() {
    return version;
  }

  /** The asset {@code name} (relative to the assets directory) of this version, if it exists. */
  @Nullable Asset asset(String requestedVersion, String name) {
    return version.equals(requestedVersion) ? assets.get(name) : null;
  }

  static MediaType typeOf(String name) {
    String extension = name.substring(name.lastIndexOf('.') + 1);
    return switch (extension) {
      case "js", "mjs" -> new MediaType("text", "javascript", StandardCharsets.UTF_8);
      case "css" -> new MediaType("text", "css", StandardCharsets.UTF_8);
      case "html" -> new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);
      case "svg" -> MediaType.valueOf("image/svg+xml");
      case "png" -> MediaType.IMAGE_PNG;
      case "json" -> MediaType.APPLICATION_JSON;
      case "webmanifest" -> MediaType.valueOf("application/manifest+json");
      default -> MediaType.APPLICATION_OCTET_STREAM;
    };
  }

  private static String etag(byte[] body) {
    return "\"" + HexFormat.of().formatHex(sha256().digest(body)).substring(0, 32) + "\"";
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
