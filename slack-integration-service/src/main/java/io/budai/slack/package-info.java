/**
 * slack-integration-service: BudAI's Slack app on Bolt for Java — the {@code /loop} command, the
 * Events API, the App Home, Slack calls and the internal posting API. See the module README.
 */
@NullMarked
package io.budai.slack;

import org.jspecify.annotations.NullMarked;
