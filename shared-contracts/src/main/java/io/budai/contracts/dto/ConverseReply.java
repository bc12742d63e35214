package io.budai.contracts.dto;

import java.util.List;

/**
 * The reply of {@code POST /converse}.
 *
 * @param reply the text to post (Slack mrkdwn)
 * @param intent {@code ask}, {@code list_meetings}, {@code search}, {@code start_bot}, {@code
 *     stop_bot}, {@code help}
 * @param citations passages the reply rests on
 */
public record ConverseReply(String reply, String intent, List<Citation> citations) {}
