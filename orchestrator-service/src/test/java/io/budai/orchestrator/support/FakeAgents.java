package io.budai.orchestrator.support;

import io.budai.contracts.BudaiHeaders;
import io.budai.orchestrator.support.FakeServer.Request;
import io.budai.orchestrator.support.FakeServer.Response;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fake transcription-collector, summarizer-agent, followup-agent and slack-integration-service,
 * each a real HTTP server speaking the contract of DESIGN.md §5 and of those services' controllers
 * ({@code GET /internal/transcripts/{id}}, {@code POST /messages} answering a message status). Like
 * the real services, Slack posting and email sending are idempotent on their idempotency key; every
 * request is recorded regardless, so tests can count what reached the wire.
 */
public final class FakeAgents implements AutoCloseable {

  static final JsonMapper JSON = JsonMapper.builder().build();

  public final FakeServer collector = new FakeServer("transcription-collector");
  public final FakeServer summarizer = new FakeServer("summarizer-agent");
  public final FakeServer followup = new FakeServer("followup-agent");
  public final FakeServer slack = new FakeServer("slack-integration-service");
  public final FakeServer admin = new FakeServer("admin-service");

  /** The one user admin-service knows (with an address); every other id is a 404. */
  public static final String OWNER_ID = "u-happy";

  public static final String OWNER_EMAIL = "owner@example.com";

  private final Map<String, Deque<Integer>> summarizeFailures = new ConcurrentHashMap<>();
  private final AtomicBoolean summarizerDown = new AtomicBoolean();
  private final AtomicInteger summarizeGateCalls = new AtomicInteger(Integer.MAX_VALUE);
  private volatile CountDownLatch summarizeGate = new CountDownLatch(0);
  private final Map<String, String> slackTs = new ConcurrentHashMap<>();
  private final Set<String> emailKeys = ConcurrentHashMap.newKeySet();
  private final AtomicInteger tsCounter = new AtomicInteger();

  public FakeAgents() {
    collector.route("GET", "/internal/transcripts/", this::transcript);
    summarizer.route("POST", "/summarize", this::summarize);
    followup.route("POST", "/followup", this::followupDraft);
    followup.route("POST", "/email/send", this::sendEmail);
    slack.route("POST", "/messages", this::postMessage);
    admin.route("GET", "/admin/users/", this::user);
  }

  /** The orchestrator's settings pointing at these fakes. */
  public Map<String, String> properties() {
    return Map.of(
        "budai.orchestrator.agents.collector-url", collector.url(),
        "budai.orchestrator.agents.summarizer-url", summarizer.url(),
        "budai.orchestrator.agents.followup-url", followup.url(),
        "budai.orchestrator.agents.slack-url", slack.url(),
        "budai.orchestrator.agents.admin-url", admin.url());
  }

  /** The summarizer answers the next calls for {@code meetingId} with these statuses first. */
  public void failSummaries(String meetingId, Integer... statuses) {
    summarizeFailures.computeIfAbsent(meetingId, k -> new ArrayDeque<>()).addAll(List.of(statuses));
  }

  /** While down, the summarizer answers every call with 503. */
  public void summarizerDown(boolean down) {
    summarizerDown.set(down);
  }

  /** The next {@code calls} summarize calls block until {@link #openSummarizeGate()}. */
  public void holdSummaries(int calls) {
    summarizeGate = new CountDownLatch(1);
    summarizeGateCalls.set(calls);
  }

  public void openSummarizeGate() {
    summarizeGate.countDown();
  }

  /** Summarize calls received for {@code meetingId}. */
  public long summarizeCalls(String meetingId) {
    return summarizer.requests("POST", "/summarize").stream()
        .filter(r -> meetingId.equals(JSON.readTree(r.body()).path("meeting_id").asString()))
        .count();
  }

  /** Slack posts that reached the wire (including repeats a real service would deduplicate). */
  public List<JsonNode> slackPosts() {
    return slack.requests("POST", "/messages").stream().map(r -> JSON.readTree(r.body())).toList();
  }

  /** Slack posts whose idempotency key is of workflow {@code workflowId}. */
  public List<JsonNode> slackPostsOf(String workflowId) {
    return slackPosts().stream()
        .filter(p -> p.path("idempotency_key").asString().contains(workflowId))
        .toList();
  }

  private Response transcript(Request request) {
    String meetingId = request.path().substring("/internal/transcripts/".length());
    if (meetingId.startsWith("missing-")) {
      return Response.json(404, "{\"detail\":\"Meeting not found\"}");
    }
    if (meetingId.startsWith("silent-")) {
      return Response.json(
          200, "{\"id\":\"" + meetingId + "\",\"status\":\"completed\",\"segments\":[]}");
    }
    return Response.json(
        200,
        """
        {"id":"%s","platform":"google_meet","native_meeting_id":"abc-defg-hij","status":"completed",
         "start_time":"2025-06-01T10:00:00Z","end_time":"2025-06-01T10:30:00Z",
         "data":{"name":"Beta launch sync"},
         "segments":[
          {"start":0.0,"end":4.1,"text":"Let's ship the beta on Friday.","speaker":"Alice","language":"en"},
          {"start":4.3,"end":8.0,"text":"I will write the release notes by Thursday.","speaker":"Bob","language":"en"},
          {"start":8.2,"end":9.0,"text":"  ","speaker":"Bob","language":"en"}]}
        """
            .formatted(meetingId));
  }

  private Response summarize(Request request) {
    JsonNode body = JSON.readTree(request.body());
    String meetingId = body.path("meeting_id").asString();
    if (summarizeGateCalls.getAndDecrement() > 0) {
      try {
        summarizeGate.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (summarizerDown.get()) {
      return Response.json(503, "{\"title\":\"Service Unavailable\",\"status\":503}");
    }
    Deque<Integer> failures = summarizeFailures.get(meetingId);
    Integer failure = failures == null ? null : failures.poll();
    if (failure != null) {
      return Response.json(
          failure,
          "{\"title\":\"Scripted failure\",\"status\":%d,\"detail\":\"transcript rejected\"}"
              .formatted(failure));
    }
    if (body.path("transcript").size() == 0) {
      return Response.json(400, "{\"title\":\"Bad Request\",\"detail\":\"empty transcript\"}");
    }
    return Response.json(
        200,
        """
        {"meeting_id":"%s","overview":"The team agreed to ship the beta on Friday.",
         "key_points":["Beta ships Friday"],"decisions":["Ship the beta on Friday"],
         "action_items":[{"text":"Write the release notes","owner":"Bob","due":"Thursday","confidence":0.9}],
         "risks":[],"engine":"offline","model":null,"usage":{"prompt_tokens":0,"completion_tokens":0}}
        """
            .formatted(meetingId));
  }

  private Response followupDraft(Request request) {
    JsonNode body = JSON.readTree(request.body());
    if (body.path("summary").path("overview").isMissingNode()) {
      return Response.json(400, "{\"detail\":\"summary required\"}");
    }
    String title = body.path("title").asString();
    return Response.json(
        200,
        """
        {"email":{"subject":"Follow-up: %s","text":"Thanks all. Bob writes the release notes.",
                  "html":"<p>Thanks all.</p>","to":["alice@example.com","bob@example.com"]},
         "slack":{"text":"Follow-up: %s","blocks":[{"type":"section","text":{"type":"mrkdwn","text":"*Follow-up*"}}]},
         "reminders":[{"action_item":"Write the release notes","owner":"Bob","due_at":null}]}
        """
            .formatted(title, title));
  }

  /** admin-service's {@code GET /admin/users/{id}} (Vexa's UserDetailResponse). */
  private Response user(Request request) {
    String id = request.path().substring("/admin/users/".length());
    if (!id.equals(OWNER_ID)) {
      return Response.json(
          404, "{\"type\":\"about:blank\",\"status\":404,\"detail\":\"User not found\"}");
    }
    return Response.json(
        200,
        """
        {"id":7,"email":"%s","name":"Olivia Owner","image_url":null,
         "created_at":"2026-01-01T00:00:00Z","max_concurrent_bots":1,"data":{},"api_tokens":[]}
        """
            .formatted(OWNER_EMAIL));
  }

  private Response sendEmail(Request request) {
    String key = request.header(BudaiHeaders.IDEMPOTENCY_KEY);
    boolean first = key == null || emailKeys.add(key);
    // followup-agent's EmailSendResult (no SMTP server configured: kept in its outbox)
    return Response.json(
        first ? 202 : 200,
        "{\"status\":\"outboxed\",\"message_id\":\"<%s@fake>\",\"idempotency_key\":\"%s\",\"replayed\":%s}"
            .formatted(key, key, !first));
  }

  private Response postMessage(Request request) {
    JsonNode body = JSON.readTree(request.body());
    String key = body.path("idempotency_key").asString();
    if (body.has("summary") && body.has("blocks")) {
      return Response.json(400, "{\"detail\":\"Give either blocks or a summary, not both.\"}");
    }
    boolean[] duplicate = {true};
    String ts =
        slackTs.computeIfAbsent(
            key,
            k -> {
              duplicate[0] = false;
              return "1717236000.%06d".formatted(tsCounter.incrementAndGet());
            });
    return Response.json(
        duplicate[0] ? 200 : 201,
        """
        {"idempotency_key":"%s","channel":"%s","status":"sent","ts":"%s","parts":1,"sent_parts":1,
         "parts_ts":["%s"],"error":null,"attempts":0,"duplicate":%s}
        """
            .formatted(key, body.path("channel").asString(), ts, ts, duplicate[0]));
  }

  @Override
  public void close() {
    openSummarizeGate();
    collector.close();
    summarizer.close();
    followup.close();
    slack.close();
    admin.close();
  }
}
