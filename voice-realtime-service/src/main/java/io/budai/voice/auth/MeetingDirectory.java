package io.budai.voice.auth;

import io.budai.contracts.BudaiHeaders;
import io.budai.platform.http.ServiceClient;
import io.budai.platform.http.ServiceClients;
import io.budai.voice.VoiceProperties;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import tools.jackson.databind.JsonNode;

/**
 * Asks transcription-collector (the owner of meetings) about a meeting on a user's behalf: {@code
 * GET /meetings/{id}} with {@code X-User-Id} answers the meeting when it is that user's and 404
 * otherwise, so someone else's meeting and a missing one look the same.
 */
@Component
public class MeetingDirectory {

  private final ServiceClient collector;

  MeetingDirectory(ServiceClients clients, VoiceProperties properties) {
    this.collector =
        clients.client("transcription-collector", properties.services().collectorUrl());
  }

  /**
   * The meeting when it exists and belongs to {@code userId}.
   *
   * @throws ServiceUnavailableException when the collector cannot be asked
   */
  public Optional<MeetingInfo> findOwned(String meetingId, String userId) {
    try {
      JsonNode body =
          collector.call(
              true,
              rest ->
                  rest.get()
                      .uri("/meetings/{id}", meetingId)
                      .header(BudaiHeaders.USER_ID, userId)
                      .retrieve()
                      .body(JsonNode.class));
      return Optional.ofNullable(body).map(b -> meeting(b, meetingId));
    } catch (HttpClientErrorException.NotFound | HttpClientErrorException.Forbidden e) {
      return Optional.empty();
    } catch (RuntimeException e) {
      throw new ServiceUnavailableException("transcription-collector", e);
    }
  }

  static MeetingInfo meeting(JsonNode body, String fallbackId) {
    String id = ApiKeyVerifier.text(body, "id", "meeting_id");
    String platform = ApiKeyVerifier.text(body, "platform");
    String nativeId = ApiKeyVerifier.text(body, "native_meeting_id");
    return new MeetingInfo(
        id != null ? id : fallbackId,
        platform != null ? platform : "voice",
        nativeId != null ? nativeId : fallbackId,
        ApiKeyVerifier.text(body, "status"));
  }
}
