package io.budai.deploy.catalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

  /** The admin API key: checked by the gateway and admin-service. */
  public static final String ADMIN_TOKEN = "ADMIN_API_TOKEN";

  /** The services' shared secret ({@code X-Internal-Token}). */
  public static final String INTERNAL_TOKEN = "BUDAI_INTERNAL_TOKEN";

  /** PostgreSQL, for the services that own a schema. */
  public static final String DATABASE_URL = "DATABASE_URL";

  private static final List<String> LLM = List.of("OPENAI_API_KEY", "OPENAI_BASE_URL");

  /**
   * What each service needs, and its tier in the start order: Redis/PostgreSQL (0) → orchestrator
   * (1) → agents (2) → voice, Slack, bot manager, collector, admin (3) → gateway (4).
   */
  private static final Map<String, ServiceNeeds> NEEDS =
      Map.of(
          "orchestrator-service",
          new ServiceNeeds(
              1,
              "workflow state machines and durable timers",
              List.of(
                  "summarizer-agent",
                  "followup-agent",
                  "communicator-agent",
                  "transcription-collector",
                  "slack-integration-service"),
              List.of(INTERNAL_TOKEN),
              List.of()),
          "summarizer-agent",
          new ServiceNeeds(
              2, "structured meeting summaries", List.of(), List.of(INTERNAL_TOKEN), LLM),
          "followup-agent",
          new ServiceNeeds(
              2,
              "follow-up drafts, e-mail delivery, reminders",
              List.of(),
              List.of(INTERNAL_TOKEN),
              List.of("OPENAI_API_KEY", "OPENAI_BASE_URL", "SMTP_HOST")),
          "communicator-agent",
          new ServiceNeeds(
              2,
              "conversations and Q&A over meetings",
              List.of("transcription-collector", "slack-integration-service"),
              List.of(INTERNAL_TOKEN),
              LLM),
          "voice-realtime-service",
          new ServiceNeeds(
              3,
              "audio/segment ingest over WebSocket, speech-to-text",
              List.of("transcription-collector", "admin-service"),
              List.of(INTERNAL_TOKEN),
              List.of("DEEPGRAM_API_KEY", "OPENAI_API_KEY")),
          "slack-integration-service",
          new ServiceNeeds(
              3,
              "the Slack app: commands, events, App Home, posting",
              List.of("orchestrator-service", "communicator-agent"),
              List.of(INTERNAL_TOKEN),
              List.of("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET")),
          "bot-manager-service",
          new ServiceNeeds(
              3,
              "meeting bots (simulated or Recall.ai), Fireflies imports",
              List.of("admin-service", "transcription-collector"),
              List.of(INTERNAL_TOKEN),
              List.of("RECALL_API_KEY", "RECALL_WEBHOOK_SECRET", "FIREFLIES_API_KEY")),
          "transcription-collector",
          new ServiceNeeds(
              3,
              "meetings, transcripts, search (PostgreSQL schema transcripts)",
              List.of("admin-service"),
              List.of(INTERNAL_TOKEN, DATABASE_URL),
              List.of()),
          "admin-service",
          new ServiceNeeds(
              3,
              "users, API keys, plans, usage (PostgreSQL schema admin)",
              List.of(),
              List.of(INTERNAL_TOKEN, ADMIN_TOKEN, DATABASE_URL),
              List.of()),
          "gateway-service",
          new ServiceNeeds(
              4,
              "the public API: routing, API keys, rate limits, /docs",
              List.of(
                  "orchestrator-service",
                  "communicator-agent",
                  "voice-realtime-service",
                  "slack-integration-service",
                  "bot-manager-service",
                  "transcription-collector",
                  "admin-service"),
              List.of(INTERNAL_TOKEN, ADMIN_TOKEN),
              List.of()));

  private ServiceCatalog() {}

  /** What {@code service} needs. */
  public static ServiceNeeds needs(FleetService service) {
    ServiceNeeds needs = NEEDS.get(service.module());
    if (needs == null) {
      throw new IllegalArgumentException("no needs recorded for " + service.module());
    }
    return needs;
  }

  /** Every service in start order: by tier, then by port. */
  public static List<FleetService> inStartOrder() {
    return SERVICES.stream()
        .sorted(
            Comparator.comparingInt((FleetService s) -> needs(s).tier())
                .thenComparingInt(FleetService::defaultPort))
        .toList();
  }

  /** The services of each tier (1 to 4), in start order. */
  public static List<List<FleetService>> tiers() {
    List<List<FleetService>> tiers = new ArrayList<>();
    for (FleetService service : inStartOrder()) {
      int tier = needs(service).tier();
      while (tiers.size() < tier) {
        tiers.add(new ArrayList<>());
      }
      tiers.get(tier - 1).add(service);
    }
    return tiers.stream().map(List::copyOf).toList();
  }

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
