package io.budai.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.budai.deploy.artefacts.Dashboards;
import io.budai.deploy.catalog.FleetService;
import io.budai.deploy.catalog.ServiceCatalog;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real thing, once (ten JVMs on two cores is the expensive part, so everything that needs a
 * running fleet shares this one cycle): {@code validate} and {@code explain} the local spec, {@code
 * deploy} it — {@code up}'s machinery, tier by tier, on the service jars the reactor has just
 * built, with a private Redis and PostgreSQL — then {@code status} shows every service healthy,
 * {@code env} prints the fleet's variables, {@code verify} passes its health checks and smoke flow
 * through the gateway, every metric the Grafana dashboards query is in the services' real scrape
 * (or listed as appearing only under load), and {@code down} leaves no process and no port behind.
 */
class LocalFleetIT {

  /** The repository root: surefire runs in the module directory. */
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

  /** Variables of the developer's shell that would point the fleet elsewhere. */
  private static final List<String> FOREIGN =
      List.of(
          "REDIS_URL",
          "DATABASE_URL",
          "ADMIN_API_TOKEN",
          "BUDAI_INTERNAL_TOKEN",
          "BUDAI_HOME",
          "BUDAI_JAVA_OPTS",
          "BUDAI_BIND_ADDRESS",
          "SPRING_DATASOURCE_URL");

  @TempDir Path home;
  private Map<String, String> env;

  @AfterEach
  void leaveNothingRunning() {
    if (env != null && !BudaiCliTests.liveProcessesMentioning(home).isEmpty()) {
      CliRun.run(ROOT, env, "down", "--timeout", "10");
    }
  }

  @Test
  void theLocalSpecValidatesDeploysAndVerifiesAndDownLeavesNothingBehind()
      throws IOException, InterruptedException {
    env = new HashMap<>(System.getenv());
    FOREIGN.forEach(env::remove);
    env.keySet().removeIf(key -> key.matches("BUDAI_.*_(PORT|URL|JAVA_OPTS)"));
    env.put("BUDAI_HOME", home.toString());
    // Class-data sharing would add ~1 GB of archives and half a minute of writing them at down to
    // this one cycle; ServiceAppsTests covers the unpacking, and the JVM's CDS is the JDK's.
    env.put("BUDAI_CDS", "false");

    List<Long> pids = new ArrayList<>();
    List<Integer> ports = new ArrayList<>();
    try (ServerSocket taken = new ServerSocket()) {
      // The gateway's port is taken: up must say so and pick another.
      taken.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
      env.put("BUDAI_GATEWAY_SERVICE_PORT", Integer.toString(taken.getLocalPort()));

      Path spec = home.resolve("local.yaml");
      Files.writeString(
          spec,
          Files.readString(ROOT.resolve("deploy/specs/local.yaml"))
              .replace("local:\n", "local:\n  build: false\n"));

      CliRun validate = CliRun.run(ROOT, env, "validate", "--spec", spec.toString());
      assertThat(validate.exitCode()).as(validate.toString()).isZero();
      assertThat(validate.out())
          .contains(
              "port %d for gateway-service is taken by another process"
                  .formatted(taken.getLocalPort()))
          .contains("valid:");

      CliRun explain = CliRun.run(ROOT, env, "explain", "--spec", spec.toString());
      assertThat(explain.exitCode()).as(explain.toString()).isZero();
      assertThat(explain.out()).contains("tier 1  orchestrator").contains("tier 4  gateway");

      CliRun up = CliRun.run(ROOT, env, "deploy", "--spec", spec.toString());

      assertThat(up.exitCode()).as(up.toString()).isZero();
      assertThat(up.out())
          .contains(
              "port %d for gateway-service is taken by another process: using"
                  .formatted(taken.getLocalPort()))
          .contains("in dependency order")
          .contains("Tier 1/4: waiting for orchestrator-service")
          .contains("Tier 4/4: waiting for gateway-service")
          .contains("BudAI is up: 10/10 services healthy")
          .contains("Admin token: ")
          .contains("/admin/users");
      // The summary prints a demo key that works through the gateway.
      java.util.regex.Matcher demo =
          java.util.regex.Pattern.compile("Demo API key:  (\\S+)  \\(user demo@budai.local")
              .matcher(up.out());
      assertThat(demo.find()).as(up.out()).isTrue();
      try (HttpClient http = HttpClient.newHttpClient()) {
        String gatewayUrl =
            java.util.regex.Pattern.compile("gateway-service\\s+(http://\\S+)")
                .matcher(up.out())
                .results()
                .map(m -> m.group(1))
                .findFirst()
                .orElseThrow();
        HttpResponse<String> meetings =
            http.send(
                HttpRequest.newBuilder(URI.create(gatewayUrl + "/meetings"))
                    .header("X-API-Key", demo.group(1))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(meetings.statusCode()).as(meetings.body()).isEqualTo(200);
      }
      // The summary points at the web console, and the console is there.
      java.util.regex.Matcher console =
          java.util.regex.Pattern.compile("Web console: (http://\\S+/console/)").matcher(up.out());
      assertThat(console.find()).as(up.out()).isTrue();
      try (HttpClient http = HttpClient.newHttpClient()) {
        HttpResponse<String> page =
            http.send(
                HttpRequest.newBuilder(URI.create(console.group(1))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type"))
            .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
      }
      assertThat(up.out().indexOf("  ok      orchestrator-service"))
          .as("the orchestrator is healthy before the gateway starts\n" + up.out())
          .isLessThan(up.out().indexOf("Tier 4/4"));
    }

    CliRun status = CliRun.run(ROOT, env, "status");
    assertThat(status.exitCode()).as(status.toString()).isZero();
    for (FleetService service : ServiceCatalog.SERVICES) {
      assertThat(status.out().lines().filter(line -> line.startsWith(service.module() + " ")))
          .as(service.module() + " in\n" + status.out())
          .singleElement()
          .satisfies(line -> assertThat(line.split("\\s+")[3]).isEqualTo("UP"));
    }
    assertThat(status.out())
        .contains("redis (private)")
        .contains("postgres (private)")
        .contains("10/10 services healthy");

    CliRun fleetEnv = CliRun.run(ROOT, env, "env");
    assertThat(fleetEnv.exitCode()).isZero();
    assertThat(fleetEnv.out())
        .contains("BUDAI_GATEWAY_URL=http://127.0.0.1:")
        .contains("ADMIN_API_TOKEN=" + Files.readString(home.resolve("admin-token")).strip())
        .contains("BUDAI_INTERNAL_TOKEN=")
        .contains("REDIS_URL=redis://")
        .contains("DATABASE_URL=postgresql://budai:");
    for (FleetService service : ServiceCatalog.SERVICES) {
      assertThat(fleetEnv.out()).contains(service.urlVariable() + "=http://127.0.0.1:");
    }
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(home.resolve("admin-token"))))
        .isEqualTo("rw-------");

    CliRun verify =
        CliRun.run(ROOT, env, "verify", "--spec", home.resolve("local.yaml").toString());
    assertThat(verify.exitCode()).as(verify.toString()).isZero();
    assertThat(verify.out())
        .contains("ok   GET /meetings without an API key: 401")
        .contains("ok   GET /meetings with the key: 200")
        .contains("every service is healthy and the smoke flow passed");

    Set<String> scraped = new TreeSet<>();
    for (FleetService service : ServiceCatalog.SERVICES) {
      String url =
          fleetEnv
              .out()
              .lines()
              .filter(line -> line.startsWith(service.urlVariable() + "="))
              .findFirst()
              .orElseThrow()
              .substring(service.urlVariable().length() + 1);
      scraped.addAll(scrape(url + "/actuator/prometheus"));
    }
    Map<String, String> underLoad = Dashboards.underLoad();
    for (String name : Dashboards.metricNames()) {
      if (!Dashboards.PROMETHEUS_OWN.contains(name) && !underLoad.containsKey(name)) {
        assertThat(scraped)
            .as(name + " is queried by a dashboard but no service exports it")
            .contains(name);
      }
    }

    try (Stream<Path> records = Files.list(home.resolve("run"))) {
      for (Path record : records.filter(f -> f.toString().endsWith(".properties")).toList()) {
        Properties properties = new Properties();
        try (var reader = Files.newBufferedReader(record)) {
          properties.load(reader);
        }
        pids.add(Long.parseLong(properties.getProperty("pid")));
        ports.add(Integer.parseInt(properties.getProperty("port")));
      }
    }
    assertThat(pids).hasSize(12);

    CliRun down = CliRun.run(ROOT, env, "down");

    assertThat(down.exitCode()).as(down.toString()).isZero();
    assertThat(down.out())
        .contains("stopped gateway-service")
        .contains("stopped postgres")
        .contains("stopped redis");
    assertThat(pids)
        .allSatisfy(
            pid -> assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty());
    assertThat(ports).allSatisfy(port -> assertThat(isFree(port)).as("port " + port).isTrue());
    assertThat(BudaiCliTests.liveProcessesMentioning(home)).isEmpty();
    assertThat(CliRun.run(ROOT, env, "status").exitCode()).isEqualTo(3);
  }

  /** The sample names of a Prometheus scrape. */
  private static Set<String> scrape(String url) throws IOException {
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(url)).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(url).isEqualTo(200);
      Set<String> names = new TreeSet<>();
      response
          .body()
          .lines()
          .filter(line -> !line.isBlank() && !line.startsWith("#"))
          .forEach(line -> names.add(line.split("[{ ]", 2)[0]));
      return names;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  private static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
      return true;
    } catch (IOException taken) {
      return false;
    }
  }
}
