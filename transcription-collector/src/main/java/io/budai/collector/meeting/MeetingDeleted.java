package io.budai.collector.meeting;

/**
 * Published inside the collector after {@code DELETE /meetings/...} anonymized a meeting: the hot
 * store drops what it still holds for it.
 *
 * @param meetingId the meeting
 */
public record MeetingDeleted(long meetingId) {}
