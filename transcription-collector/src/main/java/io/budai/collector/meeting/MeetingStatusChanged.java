package io.budai.collector.meeting;

import org.jspecify.annotations.Nullable;

/**
 * Published inside the collector (Spring application event, after the commit) when a meeting
 * changed status: the live feed, the finalizer and the domain events react to it.
 *
 * @param meeting the meeting after the change
 * @param from the status it left
 * @param reason why, as the bot reported it
 */
public record MeetingStatusChanged(Meeting meeting, MeetingStatus from, @Nullable String reason) {}
