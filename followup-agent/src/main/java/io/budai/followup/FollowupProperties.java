package io.budai.followup;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of followup-agent, under {@code budai.followup.*}.
 *
 * @param from the sender of every e-mail ({@code SMTP_FROM})
 * @param outboxMax e-mails kept in the outbox when no SMTP server is configured
 * @param idempotencyTtl how long the outcome of an idempotent send is remembered
 * @param reminderTime time of day a reminder fires on its due date
 * @param reminderZone time zone of due dates
 * @param reminderPoll how often due reminders are looked for
 * @param consoleUrl link to the web console in messages, optional
 */
@ConfigurationProperties("budai.followup")
public record FollowupProperties(
    @DefaultValue("BudAI <budai@localhost>") String from,
    @DefaultValue("10000") int outboxMax,
    @DefaultValue("7d") Duration idempotencyTtl,
    @DefaultValue("09:00") LocalTime reminderTime,
    @DefaultValue("UTC") ZoneId reminderZone,
    @DefaultValue("15s") Duration reminderPoll,
    @DefaultValue("") String consoleUrl) {}
