/**
 * Block Kit building blocks: escaping and splitting text within Slack's limits, the meeting-summary
 * renderer and short replies.
 */
@NullMarked
package io.budai.slack.blocks;

import org.jspecify.annotations.NullMarked;
