package io.budai.test;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;

/**
 * Real Redis and PostgreSQL for tests, shared by the tests of one JVM and private to it.
 *
 * <ul>
 *   <li>Redis: {@code BUDAI_TEST_REDIS_URL} when set (it must be a server or database dedicated to
 *       tests), else a private server on a free port (see {@link LocalRedis}).
 *   <li>PostgreSQL: {@code BUDAI_TEST_DATABASE_URL} ({@code jdbc:postgresql://…} of a user allowed
 *       to create databases) when set, else a private embedded server. Either way every caller of
 *       {@link #newDatabase(String)} gets a fresh database of its own, so no test sees data that is
 *       not its own.
 * </ul>
 */
public final class TestInfrastructure {

  /** Internal service token that tests and the services under test share. */
  public static final String INTERNAL_TOKEN = "test-internal-token";

  private static LocalRedis redis;
  private static LocalPostgres postgres;
  private static String redisUrl;
  private static String adminJdbcUrl;

  private TestInfrastructure() {}

  /** URL of the test Redis, starting it on first use. */
  public static synchronized String redisUrl() {
    if (redisUrl == null) {
      String external = System.getenv("BUDAI_TEST_REDIS_URL");
      if (external != null && !external.isBlank()) {
        redisUrl = external;
      } else {
        redis = LocalRedis.start();
        redisUrl = redis.url();
        Runtime.getRuntime().addShutdownHook(new Thread(redis::stop, "stop-test-redis"));
      }
    }
    return redisUrl;
  }

  /** Host of the test Redis. */
  public static String redisHost() {
    return URI.create(redisUrl()).getHost();
  }

  /** Port of the test Redis. */
  public static int redisPort() {
    return URI.create(redisUrl()).getPort();
  }

  private static synchronized String adminJdbcUrl() {
    if (adminJdbcUrl == null) {
      String external = System.getenv("BUDAI_TEST_DATABASE_URL");
      if (external != null && !external.isBlank()) {
        adminJdbcUrl = external;
      } else {
        postgres = LocalPostgres.start();
        adminJdbcUrl = postgres.adminJdbcUrl();
        Runtime.getRuntime().addShutdownHook(new Thread(postgres::stop, "stop-test-postgres"));
      }
    }
    return adminJdbcUrl;
  }

  /**
   * Creates a new, empty database named after {@code hint} and returns its JDBC URL (user and
   * password, if any, are part of the URL's parameters).
   */
  public static String newDatabase(String hint) {
    String name =
        ("t_" + hint.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_"))
                .substring(0, Math.min(40, 2 + hint.length()))
            + "_"
            + UUID.randomUUID().toString().substring(0, 8);
    String admin = adminJdbcUrl();
    try (Connection connection = DriverManager.getConnection(admin, new Properties());
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("Could not create test database " + name, e);
    }
    return replaceDatabase(admin, name);
  }

  static String replaceDatabase(String jdbcUrl, String database) {
    int schemeEnd = jdbcUrl.indexOf("//") + 2;
    int pathStart = jdbcUrl.indexOf('/', schemeEnd);
    int queryStart = jdbcUrl.indexOf('?', schemeEnd);
    String query = queryStart >= 0 ? jdbcUrl.substring(queryStart) : "";
    String hostPart = jdbcUrl.substring(0, pathStart >= 0 ? pathStart : jdbcUrl.length());
    if (queryStart >= 0 && (pathStart < 0 || pathStart > queryStart)) {
      hostPart = jdbcUrl.substring(0, queryStart);
    }
    return hostPart + "/" + database + query;
  }
}
