package io.budai.slack.blocks;

import java.util.Optional;

/** Finds the Slack user behind a name said in a meeting ("Alice", "alice@example.com"). */
@FunctionalInterface
public interface MentionResolver {

  /** Resolves nobody. */
  MentionResolver NONE = name -> Optional.empty();

  /** The Slack user id of {@code name}, when a linked Slack user goes by it. */
  Optional<String> slackUserId(String name);
}
