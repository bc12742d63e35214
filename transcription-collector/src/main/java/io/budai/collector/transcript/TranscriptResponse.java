package io.budai.collector.transcript;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * Vexa's {@code TranscriptionResponse} plus the incremental-read cursor (Vexa #1219): pass {@code
 * next_since} back as {@code ?since=} to get only segments added or changed since.
 *
 * @param id meeting id
 * @param platform platform
 * @param nativeMeetingId the platform's meeting id
 * @param constructedMeetingUrl the meeting URL
 * @param status meeting status
 * @param startTime when the meeting started
 * @param endTime when it ended
 * @param data the meeting's data (without heavy diagnostics)
 * @param segments the segments, by start time
 * @param nextSince cursor for the next incremental read
 * @param retractedSegmentIds with {@code ?since=}: segments withdrawn since (emptied by the bot)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TranscriptResponse(
    long id,
    String platform,
    @Nullable String nativeMeetingId,
    @Nullable String constructedMeetingUrl,
    String status,
    @Nullable Instant startTime,
    @Nullable Instant endTime,
    ObjectNode data,
    List<TranscriptSegment> segments,
    String nextSince,
    @Nullable List<String> retractedSegmentIds) {}
