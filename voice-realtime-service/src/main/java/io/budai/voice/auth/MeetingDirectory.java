package io.budai.voice.auth;

import io.budai.contracts.BudaiHeaders;
import io.budai.platform.http.ServiceClient;
import io.budai.platform.http.ServiceClients;
import io.budai.voice.VoiceProperties;
import java.util.LinkedHashMap;
import java.util.Map;
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

  /**
   * Creates a meeting for {@code userId} ({@code POST /internal/meetings}). When the collector
   * already has an open meeting with that platform and native id (a redelivered event created it
   * before), that meeting is returned instead.
   *
   * @throws ServiceUnavailableException when the collector cannot be asked
   */
  public MeetingInfo create(
      String userId, String platform, String nativeMeetingId, Map<String, Object> data) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("user_id", userId);
    body.put("platform", platform);
    body.put("native_meeting_id", nativeMeetingId);
    body.put("data", data);
    try {
      JsonNode created =
          collector.call(
              false,
              rest ->
                  rest.post().uri("/internal/meetings").body(body).retrieve().body(JsonNode.class));
      if (created == null) {
        throw new IllegalStateException("The collector answered no meeting");
      }
      return meeting(created, nativeMeetingId);
    } catch (HttpClientErrorException.Conflict e) {
      return findByNative(userId, platform, nativeMeetingId)
          .orElseThrow(() -> new ServiceUnavailableException("transcription-collector", e));
    } catch (RuntimeException e) {
      throw new ServiceUnavailableException("transcription-collector", e);
    }
  }

  /** The user's latest meeting with this platform and native id. */
  public Optional<MeetingInfo> findByNative(
      String userId, String platform, String nativeMeetingId) {
    try {
      JsonNode page =
          collector.call(
              true,
              rest ->
                  rest.get()
                      .uri(
                          b ->
                              b.path("/meetings")
                                  .queryParam("platform", platform)
                                  .queryParam("native_meeting_id", nativeMeetingId)
                                  .queryParam("limit", 1)
                                  .build())
                      .header(BudaiHeaders.USER_ID, userId)
                      .retrieve()
                      .body(JsonNode.class));
      if (page == null || !page.path("meetings").isArray() || page.path("meetings").isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(meeting(page.path("meetings").get(0), nativeMeetingId));
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
