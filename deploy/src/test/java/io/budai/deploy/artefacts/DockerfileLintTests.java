package io.budai.deploy.artefacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Lint rules for the shared Dockerfile that need no Docker: read the instructions and check them.
 */
class DockerfileLintTests {

  private static final String DOCKERFILE = Repo.read("deploy/docker/Dockerfile");

  /** The instructions, continuation lines joined, comments dropped. */
  private static final List<String> INSTRUCTIONS = instructions(DOCKERFILE);

  private static List<String> instructions(String text) {
    List<String> result = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : text.lines().toList()) {
      String trimmed = line.strip();
      if (current.isEmpty() && (trimmed.isEmpty() || trimmed.startsWith("#"))) {
        continue;
      }
      if (trimmed.endsWith("\\")) {
        current.append(trimmed, 0, trimmed.length() - 1).append(' ');
      } else {
        current.append(trimmed);
        result.add(current.toString());
        current.setLength(0);
      }
    }
    return result;
  }

  private static List<String> all(String keyword) {
    return INSTRUCTIONS.stream().filter(i -> i.startsWith(keyword + " ")).toList();
  }

  @Test
  void everyBaseImageIsPinnedToARelease() {
    Map<String, String> args = new HashMap<>();
    Matcher arg = Pattern.compile("^ARG (\\w+)=(\\S+)$").matcher("");
    for (String instruction : all("ARG")) {
      if (arg.reset(instruction).matches()) {
        args.put(arg.group(1), arg.group(2));
      }
    }
    List<String> froms = all("FROM");
    assertThat(froms).hasSizeGreaterThanOrEqualTo(2);
    for (String from : froms) {
      String image = from.split("\\s+")[1];
      if (image.startsWith("${")) {
        image = args.get(image.substring(2, image.length() - 1));
      }
      assertThat(image).as(from).isNotNull().doesNotEndWith(":latest").contains(":");
      String tag = image.substring(image.indexOf(':') + 1);
      assertThat(tag)
          .as(image + " must name a release, e.g. 25.0.1_8-jre-alpine")
          .matches("\\d+\\.\\d+\\.\\d+.*");
    }
  }

  @Test
  void theFinalStageRunsAsANumericNonRootUser() {
    int lastFrom = INSTRUCTIONS.lastIndexOf(all("FROM").getLast());
    List<String> finalStage = INSTRUCTIONS.subList(lastFrom, INSTRUCTIONS.size());
    List<String> users = finalStage.stream().filter(i -> i.startsWith("USER ")).toList();
    assertThat(users).as("the final stage sets USER").isNotEmpty();
    String user = users.getLast().substring(5).strip();
    assertThat(user).matches("\\d+(:\\d+)?");
    assertThat(Integer.parseInt(user.split(":")[0])).isPositive();
    // Nothing after USER switches back to root.
    assertThat(finalStage.subList(finalStage.indexOf(users.getLast()), finalStage.size()))
        .noneMatch(i -> i.startsWith("USER root") || i.startsWith("USER 0"));
  }

  @Test
  void aHealthcheckProbesLiveness() {
    List<String> healthchecks = all("HEALTHCHECK");
    assertThat(healthchecks).hasSize(1);
    assertThat(healthchecks.getFirst()).contains("/actuator/health/liveness").contains("${PORT}");
  }

  @Test
  void theModuleIsABuildArgumentAndTheImageIsLayered() {
    assertThat(all("ARG")).anyMatch(i -> i.equals("ARG MODULE"));
    assertThat(DOCKERFILE).contains("-Djarmode=tools").contains("--layers");
    List<String> copies =
        all("COPY").stream().filter(c -> c.contains("/layers/extracted/")).toList();
    assertThat(copies)
        .extracting(c -> c.replaceAll(".*/layers/extracted/([a-z-]+)/.*", "$1"))
        .containsExactly(
            "dependencies", "spring-boot-loader", "snapshot-dependencies", "application");
    assertThat(all("ENTRYPOINT")).singleElement().asString().contains("JarLauncher");
  }

  @Test
  void theHeapIsSizedFromTheContainerLimit() {
    assertThat(all("ENV").toString())
        .contains("-XX:MaxRAMPercentage=")
        .contains("-XX:+ExitOnOutOfMemoryError");
    assertThat(DOCKERFILE).doesNotContain("-Xmx");
  }

  @Test
  void theBuildContextLeavesOutBuildOutputStateAndSecrets() {
    List<String> ignored = Repo.read(".dockerignore").lines().map(String::strip).toList();
    assertThat(ignored).contains("**/target/", ".budai/", ".git/", ".env");
  }
}
