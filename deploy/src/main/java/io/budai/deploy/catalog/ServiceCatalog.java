package io.budai.deploy.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The ten services of BudAI with their ports (DESIGN.md §1), in that table's order. */
public final class ServiceCatalog {

  /** The public entry point: routing, API keys, the console. */
  public static final FleetService GATEWAY = new FleetService("gateway-service", 8000, false);

  /** Every service, gateway first, ordered by port. */
  public static final List<FleetService> SERVICES =
      List.of(
          GATEWAY,
          new FleetService("orchestrator-service", 8001, false),
          new FleetService("summarizer-agent", 8002, false),
          new FleetService("followup-agent", 8003, false),
          new FleetService("communicator-agent", 8004, false),
          new FleetService("voice-realtime-service", 8005, false),
          new FleetService("slack-integration-service", 8006, false),
          new FleetService("bot-manager-service", 8007, false),
          new FleetService("transcription-collector", 8008, true),
          new FleetService("admin-service", 8009, true));

  /**
   * The short alias the CLI prints for the gateway URL, beside {@code BUDAI_GATEWAY_SERVICE_URL}.
   */
  public static final String GATEWAY_URL_VARIABLE = "BUDAI_GATEWAY_URL";

  private ServiceCatalog() {}

  /** The service of that module name. */
  public static Optional<FleetService> find(String module) {
    return SERVICES.stream().filter(s -> s.module().equals(module)).findFirst();
  }

  /**
   * The service a user means: its exact module name, or a unique prefix of it ({@code gateway},
   * {@code admin}, {@code summarizer}).
   */
  public static List<FleetService> match(String name) {
    String wanted = name.toLowerCase(Locale.ROOT);
    Optional<FleetService> exact = find(wanted);
    if (exact.isPresent()) {
      return List.of(exact.get());
    }
    List<FleetService> matches = new ArrayList<>();
    for (FleetService service : SERVICES) {
      if (service.module().startsWith(wanted)) {
        matches.add(service);
      }
    }
    return matches;
  }
}
