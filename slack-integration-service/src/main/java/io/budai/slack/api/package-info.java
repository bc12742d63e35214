/**
 * The Slack Web API client: one configured {@link com.slack.api.Slack} with the bot token, time
 * limits, a circuit breaker and classified failures.
 */
@NullMarked
package io.budai.slack.api;

import org.jspecify.annotations.NullMarked;
