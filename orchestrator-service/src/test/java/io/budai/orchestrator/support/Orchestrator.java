package io.budai.orchestrator.support;

import io.budai.contracts.BudaiHeaders;
import io.budai.contracts.RedisKeys;
import io.budai.orchestrator.OrchestratorServiceApplication;
import io.budai.orchestrator.workflow.Workflow;
import io.budai.orchestrator.workflow.WorkflowStore;
import io.budai.platform.bus.EventPublisher;
import io.budai.test.BootChecks;
import io.budai.test.TestInfrastructure;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One running orchestrator-service replica on the test Redis, started as a whole Spring Boot
 * application (so several can run side by side and one can be stopped like a crashed process).
 */
public final class Orchestrator implements AutoCloseable {

  private final ConfigurableApplicationContext context;

  private Orchestrator(ConfigurableApplicationContext context) {
    this.context = context;
  }

  /** Test defaults: fast timers and back-offs, a 0 s follow-up delay, a default Slack channel. */
  public static Map<String, String> defaults(FakeAgents agents) {
    Map<String, String> props = new LinkedHashMap<>();
    props.put("server.port", "0");
    props.put("spring.data.redis.url", TestInfrastructure.redisUrl());
    props.put("budai.internal-token", TestInfrastructure.INTERNAL_TOKEN);
    props.put("budai.orchestrator.followup-delay", "0");
    props.put("budai.orchestrator.steps.lease", "5s");
    props.put("budai.orchestrator.steps.retry-backoff", "50ms");
    props.put("budai.orchestrator.steps.max-retry-backoff", "200ms");
    props.put("budai.orchestrator.timers.poll-interval", "50ms");
    props.put("budai.orchestrator.timers.claim-lease", "5s");
    props.put("budai.orchestrator.delivery.default-channel", "C-DEFAULT");
    props.put("budai.clients.initial-backoff", "20ms");
    props.put("budai.clients.open-state-wait", "1s");
    props.put("budai.bus.claim-idle-time", "2s");
    props.put("budai.bus.claim-interval", "500ms");
    props.put("logging.level.io.budai.orchestrator", "INFO");
    props.putAll(agents.properties());
    return props;
  }

  /** Starts a replica with {@code properties} (given as command-line arguments: they win). */
  public static Orchestrator start(Map<String, String> properties) {
    List<String> args = new ArrayList<>();
    properties.forEach((k, v) -> args.add("--" + k + "=" + v));
    return new Orchestrator(
        new SpringApplicationBuilder(OrchestratorServiceApplication.class)
            .run(args.toArray(String[]::new)));
  }

  public ConfigurableApplicationContext context() {
    return context;
  }

  public <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  public int port() {
    return ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  public EventPublisher events() {
    return bean(EventPublisher.class);
  }

  public WorkflowStore store() {
    return bean(WorkflowStore.class);
  }

  public StringRedisTemplate redis() {
    return bean(StringRedisTemplate.class);
  }

  /** The meeting workflow of {@code meetingId}, once it exists. */
  public Optional<Workflow> workflowOfMeeting(String meetingId) {
    return store().idForMeeting(meetingId).flatMap(store()::load);
  }

  public Optional<Workflow> workflow(String id) {
    return store().load(id);
  }

  /** {@code GET path} as {@code userId} (through the gateway: internal token and X-User-Id). */
  public HttpResponse<String> get(String path, String userId) {
    return BootChecks.send(request(path, userId).GET());
  }

  /** {@code POST path} (no body) as {@code userId}. */
  public HttpResponse<String> post(String path, String userId) {
    return BootChecks.send(request(path, userId).POST(HttpRequest.BodyPublishers.noBody()));
  }

  private HttpRequest.Builder request(String path, String userId) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path))
            .header(BudaiHeaders.INTERNAL_TOKEN, TestInfrastructure.INTERNAL_TOKEN);
    if (userId != null) {
      request.header(BudaiHeaders.USER_ID, userId);
    }
    return request;
  }

  /** Parses a response body. */
  public static JsonNode json(HttpResponse<String> response) {
    return JsonMapper.builder().build().readTree(response.body());
  }

  /**
   * Forgets timers left by earlier test classes, so that no replica of this class picks them up.
   */
  public static void clearTimers(StringRedisTemplate redis) {
    redis.delete(RedisKeys.TIMERS);
  }

  /** Stops the replica like a crash would, as far as the workflows can tell: mid-step. */
  @Override
  public void close() {
    context.close();
  }
}
