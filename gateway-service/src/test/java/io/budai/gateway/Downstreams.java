package io.budai.gateway;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * One {@link FakeDownstream} per service the gateway routes to, started once per test JVM, and the
 * properties that point the gateway at them. voice-realtime-service deliberately points at a port
 * where nothing listens.
 */
public final class Downstreams {

  public static final FakeKeys KEYS = new FakeKeys();
  public static final Map<String, FakeDownstream> SERVICES = new LinkedHashMap<>();
  public static final String UNREACHABLE = "voice-realtime-service";

  static {
    SERVICES.put("admin-service", new FakeDownstream("admin-service", KEYS::handle));
    for (String service :
        new String[] {
          "bot-manager-service",
          "transcription-collector",
          "communicator-agent",
          "orchestrator-service",
          "slack-integration-service",
          "followup-agent"
        }) {
      SERVICES.put(service, new FakeDownstream(service, null));
    }
  }

  private Downstreams() {}

  public static FakeDownstream get(String service) {
    return SERVICES.get(service);
  }

  /** Points the gateway's service URLs at the fakes. */
  public static void register(DynamicPropertyRegistry registry) {
    Map<String, String> urls = new LinkedHashMap<>();
    SERVICES.forEach((name, fake) -> urls.put(name, fake.url()));
    urls.put(UNREACHABLE, "http://127.0.0.1:" + closedPort());
    urls.forEach((name, url) -> registry.add("budai.gateway.services." + name, () -> url));
  }

  private static int closedPort() {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
