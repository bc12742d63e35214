package io.budai.deploy.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FleetEnvironmentTests {

  @TempDir Path root;

  @Test
  void theEnvironmentWinsOverDotEnv() throws Exception {
    Files.writeString(
        root.resolve(".env"), "SLACK_BOT_TOKEN=from-file\nOPENAI_API_KEY=file-only\n");

    FleetEnvironment env =
        FleetEnvironment.load(root, Map.of("SLACK_BOT_TOKEN", "from-env", "PATH", "/usr/bin"));

    assertThat(env.variables())
        .containsEntry("SLACK_BOT_TOKEN", "from-env")
        .containsEntry("OPENAI_API_KEY", "file-only")
        .containsEntry("PATH", "/usr/bin");
  }

  @Test
  void carriesTheProblemsOfDotEnv() throws Exception {
    Files.writeString(root.resolve(".env"), "oops\n");

    assertThat(FleetEnvironment.load(root, Map.of()).dotEnvProblems())
        .containsExactly("line 1: expected KEY=value, got 'oops'");
  }

  @Test
  void blankValuesCountAsUnset() {
    FleetEnvironment env =
        FleetEnvironment.merge(DotEnv.parse(List.of("REDIS_URL=")), Map.of("DATABASE_URL", "  "));

    assertThat(env.get("REDIS_URL")).isEmpty();
    assertThat(env.get("DATABASE_URL")).isEmpty();
  }

  @Test
  void homeIsDotBudaiUnderTheRootUnlessBudaiHomeSaysOtherwise() {
    assertThat(FleetEnvironment.merge(DotEnv.empty(), Map.of()).home(root))
        .isEqualTo(root.resolve(".budai"));
    assertThat(FleetEnvironment.merge(DotEnv.empty(), Map.of("BUDAI_HOME", "state")).home(root))
        .isEqualTo(root.resolve("state"));
    assertThat(
            FleetEnvironment.merge(DotEnv.empty(), Map.of("BUDAI_HOME", "/var/budai")).home(root))
        .isEqualTo(Path.of("/var/budai"));
  }
}
