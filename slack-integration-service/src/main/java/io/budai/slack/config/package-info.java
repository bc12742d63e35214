/**
 * The service's settings ({@code budai.slack.*}) and shared beans (Slack client, background tasks,
 * clock).
 */
@NullMarked
package io.budai.slack.config;

import org.jspecify.annotations.NullMarked;
