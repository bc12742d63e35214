package io.budai.orchestrator.steps;

import io.budai.contracts.BudaiHeaders;
import io.budai.contracts.dto.Attendee;
import io.budai.contracts.dto.EmailSendRequest;
import io.budai.contracts.dto.EmailSendResult;
import io.budai.contracts.dto.FollowupDraft;
import io.budai.contracts.dto.FollowupRequest;
import io.budai.contracts.dto.MeetingSummary;
import io.budai.contracts.dto.SummarizeRequest;
import io.budai.orchestrator.OrchestratorProperties;
import io.budai.orchestrator.steps.AgentDtos.OwnerView;
import io.budai.orchestrator.steps.AgentDtos.SlackMessageRequest;
import io.budai.orchestrator.steps.AgentDtos.SlackMessageResponse;
import io.budai.orchestrator.steps.AgentDtos.Transcript;
import io.budai.orchestrator.workflow.DownstreamCallException;
import io.budai.platform.http.ServiceClient;
import io.budai.platform.http.ServiceClients;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

/**
 * The calls the steps make, each through the shared-platform client of its service (internal token,
 * correlation id, time limit, jittered retry of transient errors honouring {@code Retry-After}, a
 * circuit breaker per service). Side-effecting calls carry an {@code Idempotency-Key} that is the
 * same for every attempt of one workflow step.
 */
class Downstreams {

  static final String COLLECTOR = "transcription-collector";
  static final String SUMMARIZER = "summarizer-agent";
  static final String FOLLOWUP = "followup-agent";
  static final String SLACK = "slack-integration-service";
  static final String ADMIN = "admin-service";

  private final ServiceClient collector;
  private final ServiceClient summarizer;
  private final ServiceClient followup;
  private final ServiceClient slack;
  private final ServiceClient admin;

  Downstreams(ServiceClients clients, OrchestratorProperties.Agents agents) {
    collector = clients.client(COLLECTOR, agents.collectorUrl(), agents.collectorTimeout());
    summarizer = clients.client(SUMMARIZER, agents.summarizerUrl(), agents.summarizerTimeout());
    followup = clients.client(FOLLOWUP, agents.followupUrl(), agents.followupTimeout());
    slack = clients.client(SLACK, agents.slackUrl(), agents.slackTimeout());
    admin = clients.client(ADMIN, agents.adminUrl(), agents.adminTimeout());
  }

  Transcript transcript(String meetingId, @Nullable String userId) {
    return call(
        collector,
        "GET /internal/transcripts/" + meetingId,
        rest ->
            rest.get()
                .uri("/internal/transcripts/{id}", meetingId)
                .headers(
                    h -> {
                      if (userId != null) {
                        h.set(BudaiHeaders.USER_ID, userId);
                      }
                    })
                .accept(MediaType.APPLICATION_JSON)
                .retrieve()
                .body(Transcript.class));
  }

  MeetingSummary summarize(SummarizeRequest request, String idempotencyKey) {
    return call(
        summarizer,
        "POST /summarize",
        rest -> post(rest, "/summarize", request, idempotencyKey).body(MeetingSummary.class));
  }

  FollowupDraft followup(FollowupRequest request, String idempotencyKey) {
    return call(
        followup,
        "POST /followup",
        rest -> post(rest, "/followup", request, idempotencyKey).body(FollowupDraft.class));
  }

  EmailSendResult sendEmail(EmailSendRequest request, String idempotencyKey) {
    return call(
        followup,
        "POST /email/send",
        rest -> post(rest, "/email/send", request, idempotencyKey).body(EmailSendResult.class));
  }

  SlackMessageResponse postSlack(SlackMessageRequest request) {
    return call(
        slack,
        "POST /messages",
        rest ->
            post(rest, "/messages", request, request.idempotencyKey())
                .body(SlackMessageResponse.class));
  }

  /**
   * The meeting's owner as an attendee with their email address, from admin-service; empty when
   * admin-service does not know the user (a 4xx: not retried) or has no address for them. Other
   * failures throw, so the step is retried.
   */
  Optional<Attendee> owner(String userId) {
    OwnerView user;
    try {
      user =
          call(
              admin,
              "GET /admin/users/" + userId,
              rest ->
                  rest.get()
                      .uri("/admin/users/{id}", userId)
                      .accept(MediaType.APPLICATION_JSON)
                      .retrieve()
                      .body(OwnerView.class));
    } catch (DownstreamCallException e) {
      if (e.getCause() instanceof HttpClientErrorException) {
        return Optional.empty();
      }
      throw e;
    }
    if (user.email() == null || !user.email().contains("@")) {
      return Optional.empty();
    }
    String address = user.email().strip();
    String name = user.name() != null && !user.name().isBlank() ? user.name() : address;
    return Optional.of(new Attendee(name, address, null));
  }

  private static RestClient.ResponseSpec post(
      RestClient rest, String path, Object body, String idempotencyKey) {
    return rest.post()
        .uri(path)
        .header(BudaiHeaders.IDEMPOTENCY_KEY, idempotencyKey)
        .contentType(MediaType.APPLICATION_JSON)
        .accept(MediaType.APPLICATION_JSON)
        .body(body)
        .retrieve();
  }

  private static <T> T call(ServiceClient client, String operation, Function<RestClient, T> call) {
    T result;
    try {
      result = client.call(true, call);
    } catch (RuntimeException e) {
      throw new DownstreamCallException(client.name(), operation, e);
    }
    if (result == null) {
      throw new DownstreamCallException(
          client.name(), operation, new IllegalStateException("empty response body"));
    }
    return result;
  }
}
