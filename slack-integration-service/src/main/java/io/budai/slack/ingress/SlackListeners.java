package io.budai.slack.ingress;

import com.slack.api.bolt.App;

/**
 * A feature's Bolt listeners: each feature package registers its commands, events and actions on
 * the one {@link App} the ingress runs. Listeners must ack within Slack's 3 seconds and hand slow
 * work to an executor.
 */
public interface SlackListeners {

  void register(App app);
}
