package io.budai.contracts.dto;

import org.jspecify.annotations.Nullable;

/**
 * A person invited to or present in a meeting.
 *
 * @param name display name
 * @param email email address, or null when unknown
 * @param slackUserId Slack user id, or null when unknown
 */
public record Attendee(String name, @Nullable String email, @Nullable String slackUserId) {}
