/**
 * The internal posting API: idempotent, per-channel ordered, rate-limit-aware posting to Slack, and
 * the outbox.
 */
@NullMarked
package io.budai.slack.posting;

import org.jspecify.annotations.NullMarked;
