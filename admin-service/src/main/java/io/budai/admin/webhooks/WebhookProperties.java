package io.budai.admin.webhooks;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Delivery of user webhooks.
 *
 * @param allowPrivate deliver to loopback/private/link-local addresses too ({@code
 *     BUDAI_WEBHOOK_ALLOW_PRIVATE}); off by default so a webhook URL cannot reach the operator's
 *     own network (SSRF)
 * @param connectTimeout TCP connect time limit of one attempt
 * @param requestTimeout time limit of one attempt, response included
 * @param initialBackoff delay before the first retry; doubles per attempt, with ±20 % jitter
 * @param maxBackoff the longest delay between two attempts
 * @param maxAge how long a delivery is retried before it is marked failed
 * @param pollInterval how often due deliveries are looked for
 * @param batchSize deliveries claimed per poll
 * @param lease how long a claimed delivery is hidden from other replicas while it is attempted
 * @param apiVersion the {@code api_version} of the payload envelope
 */
@ConfigurationProperties("budai.admin.webhooks")
record WebhookProperties(
    @DefaultValue("false") boolean allowPrivate,
    @DefaultValue("5s") Duration connectTimeout,
    @DefaultValue("10s") Duration requestTimeout,
    @DefaultValue("30s") Duration initialBackoff,
    @DefaultValue("2h") Duration maxBackoff,
    @DefaultValue("24h") Duration maxAge,
    @DefaultValue("1s") Duration pollInterval,
    @DefaultValue("20") int batchSize,
    @DefaultValue("2m") Duration lease,
    @DefaultValue("2026-03-01") String apiVersion) {}
