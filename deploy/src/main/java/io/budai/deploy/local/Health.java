package io.budai.deploy.local;

import io.budai.deploy.config.DatabaseUrl;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

/**
 * Whether a part of the fleet answers: a service's {@code /actuator/health} (200 is UP, 503 is
 * DOWN), Redis's {@code PING}, PostgreSQL's {@code SELECT 1}.
 *
 * @param state the verdict
 * @param detail why, for the status table
 */
record Health(Health.State state, String detail) {

  /** The verdicts. */
  enum State {
    UP,
    DOWN,
    UNREACHABLE
  }

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(1))
          .version(HttpClient.Version.HTTP_1_1)
          .build();

  private static final Duration TIMEOUT = Duration.ofSeconds(3);

  boolean up() {
    return state == State.UP;
  }

  /** What the status table shows. */
  String label() {
    return switch (state) {
      case UP -> "UP";
      case DOWN -> "DOWN" + (detail.isEmpty() ? "" : " (" + detail + ")");
      case UNREACHABLE -> "unreachable";
    };
  }

  static Health of(State state, String detail) {
    return new Health(state, detail);
  }

  /** GET {@code baseUrl/actuator/health}. */
  static Health service(String baseUrl) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/health"))
            .timeout(TIMEOUT)
            .GET()
            .build();
    try {
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      return switch (response.statusCode()) {
        case 200 -> of(State.UP, "");
        case 503 -> of(State.DOWN, downComponents(response.body()));
        default -> of(State.DOWN, "HTTP " + response.statusCode());
      };
    } catch (IOException e) {
      return of(State.UNREACHABLE, e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return of(State.UNREACHABLE, "interrupted");
    }
  }

  /** The names of the components reported DOWN in a health document, e.g. {@code redis}. */
  static String downComponents(String body) {
    StringBuilder names = new StringBuilder();
    java.util.regex.Matcher matcher =
        java.util.regex.Pattern.compile(
                "\"([A-Za-z0-9_-]+)\":\\{\"status\":\"(DOWN|OUT_OF_SERVICE)\"")
            .matcher(body);
    while (matcher.find()) {
      if (!names.isEmpty()) {
        names.append(", ");
      }
      names.append(matcher.group(1));
    }
    return names.isEmpty() ? "" : names + " down";
  }

  /** AUTH (when the URL has a password) and PING over RESP. */
  static Health redis(String redisUrl) {
    URI uri = URI.create(redisUrl);
    String host = uri.getHost() == null ? "127.0.0.1" : uri.getHost();
    int port = uri.getPort() > 0 ? uri.getPort() : 6379;
    if ("rediss".equals(uri.getScheme())) {
      return reachable(host, port);
    }
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 1000);
      socket.setSoTimeout((int) TIMEOUT.toMillis());
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      String userInfo = uri.getUserInfo();
      if (userInfo != null && !userInfo.isEmpty()) {
        String[] parts = userInfo.split(":", 2);
        String password = parts.length == 2 ? parts[1] : parts[0];
        String reply =
            command(
                out,
                in,
                parts.length == 2 && !parts[0].isEmpty()
                    ? new String[] {"AUTH", parts[0], password}
                    : new String[] {"AUTH", password});
        if (!reply.startsWith("+OK")) {
          return of(State.DOWN, "AUTH: " + reply);
        }
      }
      String reply = command(out, in, new String[] {"PING"});
      return reply.startsWith("+PONG") ? of(State.UP, "") : of(State.DOWN, reply);
    } catch (ConnectException e) {
      return of(State.UNREACHABLE, "connection refused");
    } catch (IOException e) {
      return of(State.UNREACHABLE, e.getClass().getSimpleName());
    }
  }

  private static String command(OutputStream out, InputStream in, String[] args)
      throws IOException {
    StringBuilder resp = new StringBuilder("*").append(args.length).append("\r\n");
    for (String arg : args) {
      byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
      resp.append('$').append(bytes.length).append("\r\n").append(arg).append("\r\n");
    }
    out.write(resp.toString().getBytes(StandardCharsets.UTF_8));
    out.flush();
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = in.read()) != -1 && c != '\n') {
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }

  /** Connects and runs {@code SELECT 1}. */
  static Health postgres(String databaseUrl) {
    DatabaseUrl url = DatabaseUrl.parse(databaseUrl);
    try (Connection connection = connect(url, url.database())) {
      connection.createStatement().execute("SELECT 1");
      return of(State.UP, "");
    } catch (SQLException e) {
      return e.getSQLState() != null && e.getSQLState().startsWith("08")
          ? of(State.UNREACHABLE, "connection refused")
          : of(State.DOWN, e.getMessage());
    }
  }

  static Connection connect(DatabaseUrl url, String database) throws SQLException {
    Properties properties = new Properties();
    url.user().ifPresent(user -> properties.setProperty("user", user));
    url.password().ifPresent(password -> properties.setProperty("password", password));
    properties.setProperty("connectTimeout", "2");
    properties.setProperty("socketTimeout", "5");
    DatabaseUrl target =
        new DatabaseUrl(url.host(), url.port(), database, url.user(), url.password(), url.query());
    return DriverManager.getConnection(target.jdbcUrl(), properties);
  }

  /** Whether anything accepts a TCP connection at {@code host:port}. */
  static Health reachable(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 2000);
      return of(State.UP, "");
    } catch (IOException e) {
      return of(State.UNREACHABLE, e.getClass().getSimpleName());
    }
  }
}
