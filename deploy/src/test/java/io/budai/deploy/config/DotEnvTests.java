package io.budai.deploy.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DotEnvTests {

  @Test
  void readsPlainExportedAndQuotedValues() {
    DotEnv env =
        DotEnv.parse(
            List.of(
                "SLACK_BOT_TOKEN=xoxb-1",
                "export OPENAI_API_KEY=sk-2",
                "GREETING='hello # not a comment'",
                "MULTI=\"line\\none \\\"quoted\\\"\"",
                "  SPACED = value with spaces  "));

    assertThat(env.problems()).isEmpty();
    assertThat(env.values())
        .containsEntry("SLACK_BOT_TOKEN", "xoxb-1")
        .containsEntry("OPENAI_API_KEY", "sk-2")
        .containsEntry("GREETING", "hello # not a comment")
        .containsEntry("MULTI", "line\none \"quoted\"")
        .containsEntry("SPACED", "value with spaces");
  }

  @Test
  void skipsCommentsAndBlankLinesAndStripsTrailingComments() {
    DotEnv env = DotEnv.parse(List.of("# a comment", "", "   ", "PORT_HINT=8000 # the gateway"));

    assertThat(env.values()).containsExactly(java.util.Map.entry("PORT_HINT", "8000"));
    assertThat(env.problems()).isEmpty();
  }

  @Test
  void keepsDollarSignsAsWritten() {
    DotEnv env = DotEnv.parse(List.of("PASSWORD=pa$$word", "HOME_COPY=$HOME"));

    assertThat(env.values())
        .containsEntry("PASSWORD", "pa$$word")
        .containsEntry("HOME_COPY", "$HOME");
  }

  @Test
  void reportsEachUnreadableLineWithItsNumber() {
    DotEnv env =
        DotEnv.parse(
            List.of("GOOD=1", "not a variable", "1BAD=2", "OPEN='unterminated", "TAIL=\"x\" y"));

    assertThat(env.values()).containsOnlyKeys("GOOD");
    assertThat(env.problems())
        .containsExactly(
            "line 2: expected KEY=value, got 'not a variable'",
            "line 3: expected KEY=value, got '1BAD=2'",
            "line 4: unterminated single quote",
            "line 5: unexpected text after the closing quote: 'y'");
  }

  @Test
  void aMissingFileIsEmpty(@TempDir Path dir) {
    assertThat(DotEnv.read(dir.resolve(".env"))).isEqualTo(DotEnv.empty());
  }

  @Test
  void readsAFile(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve(".env"), "A=1\nB='2'\n");

    assertThat(DotEnv.read(dir.resolve(".env")).values())
        .containsEntry("A", "1")
        .containsEntry("B", "2");
  }
}
