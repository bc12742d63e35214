package io.budai.contracts.dto;

import org.jspecify.annotations.Nullable;

/**
 * {@code GET /meetings/{id}/brief} (communicator-agent): where a meeting stands, also while it is
 * live.
 *
 * @param meetingId the meeting
 * @param status the meeting's status as the collector reports it
 * @param segmentCount transcript segments so far
 * @param summary summary and key points so far
 */
public record MeetingBrief(
    String meetingId, @Nullable String status, int segmentCount, MeetingSummary summary) {}
