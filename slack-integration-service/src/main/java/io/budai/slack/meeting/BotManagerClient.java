package io.budai.slack.meeting;

import io.budai.contracts.BudaiHeaders;
import io.budai.platform.http.ServiceClient;
import io.budai.platform.http.ServiceClients;
import io.budai.slack.account.LinkedAccount;
import io.budai.slack.config.SlackProperties;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpStatusCodeException;
import org.springframework.web.client.RestClientException;
import tools.jackson.databind.JsonNode;

/**
 * bot-manager's Vexa-compatible API, called on behalf of a linked user ({@code X-User-Id}, {@code
 * X-User-Scopes} with the internal token, as the gateway would forward them).
 */
@Component
class BotManagerClient {

  private final ServiceClient client;
  private final SlackProperties properties;

  BotManagerClient(ServiceClients clients, SlackProperties properties) {
    this.client = clients.client("bot-manager-service", properties.services().botManager());
    this.properties = properties;
  }

  /**
   * {@code POST /bots} with Vexa's body ({@code platform}, {@code meeting_url}, {@code bot_name})
   * plus our {@code slack_channel_id}, so the meeting's results come back to the channel.
   */
  BotResult requestBot(LinkedAccount account, String meetingUrl, String channel) {
    Map<String, Object> body = new LinkedHashMap<>();
    String platform = platformOf(meetingUrl);
    if (platform != null) {
      body.put("platform", platform);
    }
    body.put("meeting_url", meetingUrl);
    body.put("bot_name", properties.botName());
    body.put("slack_channel_id", channel);
    try {
      JsonNode meeting =
          client.call(
              false,
              rest ->
                  rest.post()
                      .uri("/bots")
                      .headers(h -> asUser(h, account))
                      .contentType(MediaType.APPLICATION_JSON)
                      .body(body)
                      .retrieve()
                      .body(JsonNode.class));
      if (meeting == null) {
        return new BotResult.Unavailable("bot-manager answered without a body");
      }
      return new BotResult.Started(
          text(meeting, "id"),
          text(meeting, "platform") != null ? text(meeting, "platform") : platform,
          text(meeting, "native_meeting_id"),
          text(meeting, "status"));
    } catch (HttpClientErrorException e) {
      return new BotResult.Refused(e.getStatusCode().value(), detail(e));
    } catch (RestClientException e) {
      return new BotResult.Unavailable(e.getMessage());
    } catch (ServiceClient.DownstreamUnavailableException e) {
      return new BotResult.Unavailable("bot-manager is failing; try again shortly");
    }
  }

  /** {@code DELETE /bots/{platform}/{native_meeting_id}}: asks the bot to leave. */
  BotResult stopBot(String userId, String platform, String nativeMeetingId) {
    try {
      client.call(
          true,
          rest ->
              rest.delete()
                  .uri("/bots/{platform}/{id}", platform, nativeMeetingId)
                  .header(BudaiHeaders.USER_ID, userId)
                  .retrieve()
                  .toBodilessEntity());
      return new BotResult.Stopped();
    } catch (HttpClientErrorException.NotFound e) {
      return new BotResult.Stopped();
    } catch (HttpClientErrorException e) {
      return new BotResult.Refused(e.getStatusCode().value(), detail(e));
    } catch (RestClientException | ServiceClient.DownstreamUnavailableException e) {
      return new BotResult.Unavailable(e.getMessage());
    }
  }

  /** {@code GET /bots/status}: the user's running bots, or null when bot-manager cannot say. */
  @Nullable List<RunningBot> running(LinkedAccount account) {
    try {
      JsonNode status =
          client.call(
              true,
              rest ->
                  rest.get()
                      .uri("/bots/status")
                      .headers(h -> asUser(h, account))
                      .retrieve()
                      .body(JsonNode.class));
      if (status == null) {
        return null;
      }
      JsonNode bots = status.path("running_bots");
      if (!bots.isArray()) {
        bots = status.path("running");
      }
      return bots.valueStream()
          .map(
              b ->
                  new RunningBot(
                      text(b, "platform"),
                      text(b, "native_meeting_id"),
                      text(b, "status"),
                      text(b, "meeting_id") != null ? text(b, "meeting_id") : text(b, "id")))
          .toList();
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** Vexa's platform name of a meeting URL, or null to let bot-manager work it out. */
  static @Nullable String platformOf(String meetingUrl) {
    String host;
    try {
      host = URI.create(meetingUrl.strip()).getHost();
    } catch (IllegalArgumentException e) {
      return null;
    }
    if (host == null) {
      return null;
    }
    host = host.toLowerCase(Locale.ROOT);
    if (host.equals("meet.google.com")) {
      return "google_meet";
    }
    if (host.equals("zoom.us") || host.endsWith(".zoom.us")) {
      return "zoom";
    }
    if (host.equals("teams.microsoft.com") || host.equals("teams.live.com")) {
      return "teams";
    }
    return null;
  }

  private static void asUser(org.springframework.http.HttpHeaders headers, LinkedAccount account) {
    headers.set(BudaiHeaders.USER_ID, account.userId());
    headers.set(BudaiHeaders.USER_SCOPES, account.scopesHeader());
  }

  private static @Nullable String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isMissingNode() || value.isNull() ? null : value.asString();
  }

  /** The {@code detail} of a problem (or Vexa's {@code detail} string) in an error response. */
  private static String detail(HttpStatusCodeException e) {
    String body = e.getResponseBodyAsString();
    try {
      JsonNode node = new tools.jackson.databind.ObjectMapper().readTree(body);
      JsonNode detail = node.path("detail");
      if (detail.isString()) {
        return detail.asString();
      }
      if (!detail.isMissingNode()) {
        return detail.toString();
      }
    } catch (RuntimeException ignored) {
      // not JSON
    }
    return e.getStatusText();
  }

  /** A bot that bot-manager says is running. */
  record RunningBot(
      @Nullable String platform,
      @Nullable String nativeMeetingId,
      @Nullable String status,
      @Nullable String meetingId) {}

  /** What bot-manager answered. */
  sealed interface BotResult {
    record Started(
        @Nullable String meetingId,
        @Nullable String platform,
        @Nullable String nativeMeetingId,
        @Nullable String status)
        implements BotResult {}

    record Stopped() implements BotResult {}

    record Refused(int status, String detail) implements BotResult {}

    record Unavailable(@Nullable String reason) implements BotResult {}
  }
}
