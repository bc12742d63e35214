/**
 * The Recall.ai runtime: bots created through Recall's REST API with real-time transcripts
 * delivered to {@code /recall/webhook}; Recall's status webhooks (current {@code bot.*} events and
 * the legacy {@code bot.status_change}) and transcript events, verified with the workspace secret
 * (Standard Webhooks signatures), become bot statuses and {@code budai:segments} messages.
 */
@NullMarked
package io.budai.botmanager.recall;

import org.jspecify.annotations.NullMarked;
