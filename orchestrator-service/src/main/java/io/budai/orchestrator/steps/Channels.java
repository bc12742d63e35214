package io.budai.orchestrator.steps;

import io.budai.orchestrator.OrchestratorProperties;
import io.budai.orchestrator.workflow.Workflow;
import java.util.Map;
import java.util.Optional;

/**
 * Where a workflow delivers to Slack: the meeting's own channel (a Slack call, or where a command
 * was typed), else the user's configured channel, else {@code SLACK_DEFAULT_CHANNEL}.
 */
final class Channels {

  private final String defaultChannel;
  private final Map<String, String> userChannels;

  Channels(OrchestratorProperties.Delivery delivery) {
    this.defaultChannel = delivery.defaultChannel();
    this.userChannels = delivery.userChannelMap();
  }

  Optional<String> slackChannel(Workflow wf) {
    String meeting = wf.context().slackChannelId();
    if (meeting != null && !meeting.isBlank()) {
      return Optional.of(meeting);
    }
    if (wf.userId() != null && userChannels.containsKey(wf.userId())) {
      return Optional.of(userChannels.get(wf.userId()));
    }
    return defaultChannel.isBlank() ? Optional.empty() : Optional.of(defaultChannel);
  }
}
