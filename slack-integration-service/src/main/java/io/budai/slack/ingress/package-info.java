/**
 * Slack's signed requests: raw-body signature verification, event deduplication and the Bolt app
 * they run through.
 */
@NullMarked
package io.budai.slack.ingress;

import org.jspecify.annotations.NullMarked;
