package io.budai.slack.command;

import io.budai.contracts.BudaiHeaders;
import io.budai.platform.http.ServiceClient;
import io.budai.platform.http.ServiceClients;
import io.budai.slack.account.LinkedAccount;
import io.budai.slack.config.SlackProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * communicator-agent's {@code POST /converse}, which answers questions about the user's meetings
 * with cited transcript passages; {@code /loop ask} and {@code /loop search} go through it.
 */
@Component
class CommunicatorClient {

  private final ServiceClient client;

  CommunicatorClient(ServiceClients clients, SlackProperties properties) {
    // Answers grounded in retrieval (and maybe an LLM) take longer than the usual call.
    this.client =
        clients.client(
            "communicator-agent", properties.services().communicator(), Duration.ofSeconds(60));
  }

  /** The communicator's reply; throws when it cannot be reached or refuses. */
  Reply converse(LinkedAccount account, String sessionId, String text) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("session_id", sessionId);
    body.put("user_id", account.userId());
    body.put("text", text);
    JsonNode reply =
        client.call(
            false,
            rest ->
                rest.post()
                    .uri("/converse")
                    .header(BudaiHeaders.USER_ID, account.userId())
                    .header(BudaiHeaders.USER_SCOPES, account.scopesHeader())
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(body)
                    .retrieve()
                    .body(JsonNode.class));
    if (reply == null) {
      return new Reply("", null, List.of());
    }
    List<Citation> citations = new ArrayList<>();
    for (JsonNode c : reply.path("citations")) {
      citations.add(
          new Citation(
              text(c, "meeting_id"),
              text(c, "speaker"),
              c.path("start").isNumber() ? c.path("start").asDouble() : null,
              text(c, "text")));
    }
    return new Reply(
        reply.path("reply").isString() ? reply.path("reply").asString() : "",
        text(reply, "intent"),
        citations);
  }

  private static @Nullable String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isMissingNode() || value.isNull() ? null : value.asString();
  }

  /** What the communicator answered. */
  record Reply(String text, @Nullable String intent, List<Citation> citations) {}

  /** A passage the answer rests on. */
  record Citation(
      @Nullable String meetingId,
      @Nullable String speaker,
      @Nullable Double start,
      @Nullable String text) {}
}
