/**
 * Voice calls: a meeting recorded from a join link (Slack {@code /loop start} without a URL, or
 * {@code POST /api/calls}); participants stream audio from the web client, and the call ends when
 * someone ends it or its last stream has been gone for the grace period.
 */
@NullMarked
package io.budai.voice.calls;

import org.jspecify.annotations.NullMarked;
