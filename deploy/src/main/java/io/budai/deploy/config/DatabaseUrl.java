package io.budai.deploy.config;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A PostgreSQL connection in the two spellings the fleet meets: {@code
 * postgresql://user:pass@host:port/db?params} (what {@code DATABASE_URL} holds on Heroku, Railway
 * and most hosts) and the JDBC URL with separate user and password that Spring's datasource wants.
 *
 * @param host the server's host
 * @param port the server's port
 * @param database the database name
 * @param user the user, if the URL names one
 * @param password the password, if the URL has one
 * @param query the query string without {@code ?}, if any
 */
public record DatabaseUrl(
    String host,
    int port,
    String database,
    Optional<String> user,
    Optional<String> password,
    Optional<String> query) {

  /** Parses {@code postgresql://…}, {@code postgres://…} or {@code jdbc:postgresql://…}. */
  public static DatabaseUrl parse(String url) {
    String uriText = url.strip();
    if (uriText.startsWith("jdbc:")) {
      uriText = uriText.substring("jdbc:".length());
    }
    if (!uriText.matches("^postgres(ql)?://.*")) {
      throw new IllegalArgumentException(
          "not a PostgreSQL URL (expected postgresql://user:pass@host:port/db): " + redact(url));
    }
    URI uri;
    try {
      uri = URI.create(uriText.replaceFirst("^postgres(ql)?://", "postgresql://"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("malformed PostgreSQL URL: " + redact(url), e);
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("PostgreSQL URL without a host: " + redact(url));
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceFirst("^/", "");
    if (path.isEmpty()) {
      throw new IllegalArgumentException("PostgreSQL URL without a database: " + redact(url));
    }
    Optional<String> user = Optional.empty();
    Optional<String> password = Optional.empty();
    if (uri.getRawUserInfo() != null) {
      String[] parts = uri.getRawUserInfo().split(":", 2);
      user = Optional.of(decode(parts[0]));
      if (parts.length > 1) {
        password = Optional.of(decode(parts[1]));
      }
    }
    return new DatabaseUrl(
        uri.getHost(),
        uri.getPort() > 0 ? uri.getPort() : 5432,
        decode(path),
        user,
        password,
        Optional.ofNullable(uri.getRawQuery()));
  }

  /** {@code postgresql://user:pass@host:port/db}, each part URL-encoded. */
  public static String format(String user, String password, String host, int port, String db) {
    return "postgresql://"
        + encode(user)
        + ":"
        + encode(password)
        + "@"
        + host
        + ":"
        + port
        + "/"
        + encode(db);
  }

  /** The JDBC URL, without credentials. */
  public String jdbcUrl() {
    return "jdbc:postgresql://"
        + host
        + ":"
        + port
        + "/"
        + encode(database)
        + query.map(q -> "?" + q).orElse("");
  }

  /** The URL with its password replaced by {@code ***}, for messages. */
  public static String redact(String url) {
    return url.replaceFirst("(://[^:/@]*:)[^@]*@", "$1***@");
  }

  private static String decode(String value) {
    return URLDecoder.decode(value, StandardCharsets.UTF_8);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
