/** slack-integration-service: The Slack app. */
@NullMarked
package io.budai.slack;

import org.jspecify.annotations.NullMarked;
