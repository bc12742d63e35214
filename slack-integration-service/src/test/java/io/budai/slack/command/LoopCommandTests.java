package io.budai.slack.command;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoopCommandTests {

  @Test
  void parsesEverySubcommandAndItsArgument() {
    assertThat(LoopCommand.parse("start https://meet.google.com/abc-defg-hij"))
        .isEqualTo(new LoopCommand.Start("https://meet.google.com/abc-defg-hij"));
    assertThat(LoopCommand.parse("  START   Weekly   sync "))
        .isEqualTo(new LoopCommand.Start("Weekly   sync"));
    assertThat(LoopCommand.parse("start")).isEqualTo(new LoopCommand.Start(""));
    assertThat(LoopCommand.parse("stop")).isEqualTo(new LoopCommand.Stop());
    assertThat(LoopCommand.parse("status")).isEqualTo(new LoopCommand.Status());
    assertThat(LoopCommand.parse("summary m-1")).isEqualTo(new LoopCommand.Summary("m-1"));
    assertThat(LoopCommand.parse("search budget q3"))
        .isEqualTo(new LoopCommand.Search("budget q3"));
    assertThat(LoopCommand.parse("ask what did Ada say?"))
        .isEqualTo(new LoopCommand.Ask("what did Ada say?"));
    assertThat(LoopCommand.parse("link vxa_bot_123"))
        .isEqualTo(new LoopCommand.Link("vxa_bot_123"));
    assertThat(LoopCommand.parse("help")).isEqualTo(new LoopCommand.Help());
    assertThat(LoopCommand.parse("")).isEqualTo(new LoopCommand.Help());
    assertThat(LoopCommand.parse(null)).isEqualTo(new LoopCommand.Help());
    assertThat(LoopCommand.parse("Dance now")).isEqualTo(new LoopCommand.Unknown("Dance"));
  }

  @Test
  void neverPublishesAnApiKey() {
    LoopCommand link = LoopCommand.parse("link vxa_bot_secret");
    assertThat(LoopCommand.publishable(link, "link vxa_bot_secret")).isEqualTo("link [redacted]");
    assertThat(LoopCommand.publishable(new LoopCommand.Stop(), " stop ")).isEqualTo("stop");
  }

  @Test
  void keepsChannelWidePingsOutOfRelayedAnswers() {
    assertThat(LoopActions.safe("Done <!here> and <!channel|channel>, see <https://x.y|this>"))
        .isEqualTo("Done @here and @channel, see <https://x.y|this>");
  }
}
