package io.budai.botmanager.bots;

import io.budai.botmanager.BotManagerProperties;
import io.budai.contracts.BudaiHeaders;
import io.budai.platform.http.ServiceClient;
import io.budai.platform.http.ServiceClients;
import io.budai.platform.web.ProblemException;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClientException;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * transcription-collector, the owner of meetings: bot-manager creates a meeting there before it
 * starts a bot and reads meetings on the user's behalf ({@code X-User-Id} with the internal token).
 * A 4xx problem from the collector is passed on as it is; an unreachable collector is 503.
 */
@Component
public class CollectorClient {

  private final ServiceClient collector;
  private final JsonMapper json;

  CollectorClient(ServiceClients clients, BotManagerProperties properties, JsonMapper json) {
    this.collector = clients.client("transcription-collector", properties.collectorUrl());
    this.json = json;
  }

  /** Creates a requested meeting; the collector's {@code MeetingResponse}. */
  public JsonNode createMeeting(
      String userId,
      String platform,
      String nativeMeetingId,
      String url,
      String botId,
      ObjectNode data) {
    ObjectNode body = json.createObjectNode();
    body.put("user_id", userId);
    body.put("platform", platform);
    body.put("native_meeting_id", nativeMeetingId);
    body.put("constructed_meeting_url", url);
    body.put("bot_container_id", botId);
    body.set("data", data);
    return call(
        false,
        rest ->
            rest.post()
                .uri("/internal/meetings")
                .contentType(MediaType.APPLICATION_JSON)
                .body(json.writeValueAsString(body))
                .retrieve()
                .body(String.class));
  }

  /** The user's latest meeting for (platform, native id). */
  public Optional<JsonNode> latestMeeting(String userId, String platform, String nativeMeetingId) {
    JsonNode page =
        meetings(
            userId,
            Map.of("platform", platform, "native_meeting_id", nativeMeetingId, "limit", "1"));
    JsonNode meetings = page.path("meetings");
    return meetings.isArray() && !meetings.isEmpty()
        ? Optional.of(meetings.get(0))
        : Optional.empty();
  }

  /** A page of the user's meetings ({@code {meetings, has_more, limit, offset}}). */
  JsonNode meetings(String userId, Map<String, String> query) {
    UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/meetings");
    query.forEach(uri::queryParam);
    URI relative = uri.encode().build().toUri();
    return call(
        true,
        rest ->
            rest.get()
                .uri(relative.toString())
                .header(BudaiHeaders.USER_ID, userId)
                .retrieve()
                .body(String.class));
  }

  private JsonNode call(
      boolean idempotent,
      java.util.function.Function<org.springframework.web.client.RestClient, @Nullable String>
          call) {
    String body;
    try {
      body = collector.call(idempotent, call::apply);
    } catch (HttpClientErrorException e) {
      throw passOn(e.getStatusCode(), e.getResponseBodyAsString());
    } catch (ProblemException e) {
      throw e;
    } catch (RestClientException e) {
      throw unavailable();
    }
    return body == null ? json.createObjectNode() : json.readTree(body);
  }

  private ProblemException passOn(HttpStatusCode status, String body) {
    try {
      JsonNode problem = json.readTree(body);
      String type = problem.path("type").asString("");
      String slug = type.substring(type.lastIndexOf('/') + 1);
      Map<String, Object> properties = new HashMap<>();
      problem
          .properties()
          .forEach(
              e -> {
                if (!Set.of("type", "title", "status", "detail", "instance").contains(e.getKey())) {
                  properties.put(e.getKey(), json.treeToValue(e.getValue(), Object.class));
                }
              });
      return new ProblemException(
          status,
          slug.isEmpty() ? "collector-error" : slug,
          problem.path("title").asString("Request refused"),
          problem.path("detail").asString("The meeting record refused the request."),
          properties);
    } catch (JacksonException e) {
      return new ProblemException(
          status, "collector-error", "Request refused", "The meeting record refused the request.");
    }
  }

  private static ProblemException unavailable() {
    return new ProblemException(
        HttpStatus.SERVICE_UNAVAILABLE,
        "meetings-unavailable",
        "Meetings unavailable",
        "The meeting record (transcription-collector) cannot be reached; try again shortly.");
  }
}
