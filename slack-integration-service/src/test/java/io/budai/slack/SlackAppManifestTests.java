package io.budai.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The shipped manifest ({@code slack-app-manifest.yml} at the repository root) asks Slack for
 * exactly what this service serves and calls: its request URLs, the events it listens to and the
 * scopes of the Web API methods it uses.
 */
class SlackAppManifestTests {

  @Test
  @SuppressWarnings("unchecked")
  void matchesWhatTheServiceServesAndCalls() throws IOException {
    String template = Files.readString(Path.of("..", "slack-app-manifest.yml"));
    String rendered = template.replace("${BUDAI_PUBLIC_URL}", "https://budai.example.com");
    assertThat(rendered).doesNotContain("${");
    Map<String, Object> manifest = new Yaml().load(rendered);

    Map<String, Object> features = (Map<String, Object>) manifest.get("features");
    List<Map<String, Object>> commands = (List<Map<String, Object>>) features.get("slash_commands");
    assertThat(commands)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.get("command")).isEqualTo("/loop");
              assertThat(c.get("url")).isEqualTo("https://budai.example.com/slack/commands");
              assertThat(c.get("should_escape")).isEqualTo(false);
            });
    assertThat((Map<String, Object>) features.get("app_home"))
        .containsEntry("home_tab_enabled", true)
        .containsEntry("messages_tab_enabled", true);

    Map<String, Object> settings = (Map<String, Object>) manifest.get("settings");
    Map<String, Object> events = (Map<String, Object>) settings.get("event_subscriptions");
    assertThat(events.get("request_url")).isEqualTo("https://budai.example.com/slack/events");
    assertThat((List<String>) events.get("bot_events"))
        .containsExactlyInAnyOrder("app_home_opened", "app_mention", "message.im");
    Map<String, Object> interactivity = (Map<String, Object>) settings.get("interactivity");
    assertThat(interactivity)
        .containsEntry("is_enabled", true)
        .containsEntry("request_url", "https://budai.example.com/slack/interactions");
    assertThat(settings).containsEntry("socket_mode_enabled", false);

    Map<String, Object> oauth = (Map<String, Object>) manifest.get("oauth_config");
    List<String> scopes = (List<String>) ((Map<String, Object>) oauth.get("scopes")).get("bot");
    assertThat(scopes)
        .contains(
            "commands", // /loop
            "chat:write", // chat.postMessage, chat.update
            "app_mentions:read", // app_mention
            "im:history", // message.im
            "im:write", // conversations.open
            "users:read", // users.info
            "calls:write"); // calls.add, calls.end
    for (String url :
        List.of(
            (String) commands.getFirst().get("url"),
            (String) events.get("request_url"),
            (String) interactivity.get("request_url"))) {
      assertThat(URI.create(url).getScheme()).isEqualTo("https");
    }
  }
}
