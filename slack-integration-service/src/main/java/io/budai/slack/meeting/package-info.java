/**
 * What runs in a channel: meeting bots (bot-manager) and Slack calls (Calls API), started and
 * stopped by {@code /loop}.
 */
@NullMarked
package io.budai.slack.meeting;

import org.jspecify.annotations.NullMarked;
