package io.budai.communicator;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of communicator-agent, under {@code budai.communicator.*}.
 *
 * @param collectorUrl transcription-collector ({@code BUDAI_TRANSCRIPTION_COLLECTOR_URL})
 * @param slackUrl slack-integration-service, for replies to Slack events ({@code
 *     BUDAI_SLACK_INTEGRATION_SERVICE_URL})
 * @param sessionTtl how long an idle conversation is remembered
 * @param sessionTurns messages of a conversation kept as context
 * @param passages passages retrieved per question
 */
@ConfigurationProperties("budai.communicator")
public record CommunicatorProperties(
    @DefaultValue("http://127.0.0.1:8008") String collectorUrl,
    @DefaultValue("http://127.0.0.1:8006") String slackUrl,
    @DefaultValue("24h") Duration sessionTtl,
    @DefaultValue("20") int sessionTurns,
    @DefaultValue("5") int passages) {}
