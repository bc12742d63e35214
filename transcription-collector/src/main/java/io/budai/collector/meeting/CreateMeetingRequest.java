package io.budai.collector.meeting;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * Body of the internal {@code POST /internal/meetings} (bot-manager creates the meeting row before
 * it starts a bot).
 *
 * @param userId the owner
 * @param platform the platform
 * @param nativeMeetingId the platform's meeting id
 * @param constructedMeetingUrl the URL the bot joins
 * @param botContainerId the bot's id at bot-manager
 * @param data initial data (bot_name, language, task, passcode, slack_channel_id, …)
 */
public record CreateMeetingRequest(
    @NotBlank @Size(max = 64) String userId,
    @NotBlank String platform,
    @NotBlank @Size(max = 255) String nativeMeetingId,
    @Nullable String constructedMeetingUrl,
    @Nullable @Size(max = 255) String botContainerId,
    @Nullable ObjectNode data) {}
