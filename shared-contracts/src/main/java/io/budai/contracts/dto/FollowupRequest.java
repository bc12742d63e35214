package io.budai.contracts.dto;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code POST /followup} (followup-agent).
 *
 * @param meetingId the meeting
 * @param title its title
 * @param summary its summary
 * @param attendees who gets the follow-up
 * @param engine {@code auto} (default), {@code llm} or {@code offline}
 */
public record FollowupRequest(
    @Nullable String meetingId,
    @Nullable String title,
    @Nullable MeetingSummary summary,
    @Nullable List<Attendee> attendees,
    @Nullable String engine) {}
