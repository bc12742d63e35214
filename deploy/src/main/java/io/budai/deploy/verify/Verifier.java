package io.budai.deploy.verify;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Checks every service's health, then runs the {@link SmokeFlow} through the gateway. */
public final class Verifier {

  private final PrintStream out;
  private final PrintStream err;
  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(3))
          .version(HttpClient.Version.HTTP_1_1)
          .build();

  public Verifier(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /**
   * @param gateway the gateway's base URL
   * @param adminToken the admin API key
   * @param serviceUrls each service's base URL, when this machine can reach them all (their {@code
   *     /actuator/health} is asked); empty otherwise
   * @param targetHealth each service's health as the target's tool reports it, when it can
   * @return 0 when everything passed, 1 otherwise
   */
  public int verify(
      String gateway,
      String adminToken,
      Map<String, String> serviceUrls,
      Optional<Map<String, String>> targetHealth) {
    List<String> failures = new ArrayList<>();
    Map<String, String> health = new LinkedHashMap<>();
    if (!serviceUrls.isEmpty()) {
      serviceUrls.forEach((service, url) -> health.put(service, health(url)));
    } else if (targetHealth.isPresent()) {
      health.putAll(targetHealth.get());
    }
    if (health.isEmpty()) {
      out.println(
          "Health: the services are not reachable from here; checking through the gateway only.");
      health.put("gateway-service", health(gateway));
    }
    out.println("Health:");
    health.forEach(
        (service, state) -> {
          out.printf(
              "  %-27s %s%s%n",
              service,
              state,
              serviceUrls.containsKey(service) ? "   " + serviceUrls.get(service) : "");
          if (!"UP".equals(state)) {
            failures.add(service + " is " + state);
          }
        });
    out.println("Smoke flow through " + gateway + ":");
    for (SmokeFlow.Step step : new SmokeFlow(http).run(gateway, adminToken)) {
      out.printf("  %-4s %s: %s%n", step.ok() ? "ok" : "FAIL", step.what(), step.detail());
      if (!step.ok()) {
        failures.add(step.what() + ": " + step.detail());
      }
    }
    if (failures.isEmpty()) {
      out.println("verify: every service is healthy and the smoke flow passed.");
      return 0;
    }
    err.println(
        "verify failed ("
            + failures.size()
            + " problem"
            + (failures.size() == 1 ? "" : "s")
            + "):");
    failures.forEach(failure -> err.println("  - " + failure));
    return 1;
  }

  /** {@code UP} when {@code /actuator/health} answers 200, else why not. */
  String health(String baseUrl) {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/health"))
                  .timeout(Duration.ofSeconds(5))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? "UP" : "DOWN (HTTP " + response.statusCode() + ")";
    } catch (IOException | IllegalArgumentException e) {
      return "unreachable (" + e.getClass().getSimpleName() + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unreachable (interrupted)";
    }
  }
}
