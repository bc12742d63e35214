package io.budai.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceAppsTests {

  @TempDir Path dir;
  private final CapturedConsole console = new CapturedConsole();
  private final Path java = Path.of(System.getProperty("java.home"), "bin", "java");

  @Test
  void runsAJarThatCannotBeUnpackedAsItIs() throws Exception {
    Path jar = Files.writeString(dir.resolve("svc-1.0.jar"), "not a jar");

    ServiceApps.App app =
        new ServiceApps(dir.resolve("apps"), java, console.console).prepare("svc", jar);

    assertThat(app).isEqualTo(new ServiceApps.App(jar, Optional.empty()));
    assertThat(console.err())
        .contains("could not unpack svc-1.0.jar")
        .contains("running the jar as it is");
    assertThat(dir.resolve("apps/svc.tmp")).doesNotExist();
  }

  @Test
  void unpacksABootJarOnceAndAgainWhenItIsRebuilt() throws Exception {
    Path target = Path.of("..", "summarizer-agent", "target").toAbsolutePath().normalize();
    Path bootJar;
    try (var files = Files.list(target)) {
      bootJar =
          files
              .filter(f -> f.getFileName().toString().matches("summarizer-agent-.*\\.jar"))
              .findFirst()
              .orElse(null);
    }
    // A tiny jar in the Boot layout would need the tools jar mode: use a real service jar (the
    // reactor builds the services before this module) and copy it so its time can change.
    org.junit.jupiter.api.Assumptions.assumeTrue(bootJar != null, "summarizer-agent is not built");
    Path copy = Files.copy(bootJar, dir.resolve(bootJar.getFileName()));
    ServiceApps apps = new ServiceApps(dir.resolve("apps"), java, console.console);

    ServiceApps.App first = apps.prepare("summarizer-agent", copy);
    Path marker = dir.resolve("apps/summarizer-agent/.unpacked-from");
    FileTime unpackedAt = Files.getLastModifiedTime(marker);
    ServiceApps.App again = apps.prepare("summarizer-agent", copy);

    assertThat(first.jar())
        .isEqualTo(dir.resolve("apps/summarizer-agent").resolve(copy.getFileName()));
    assertThat(first.jar()).isRegularFile();
    assertThat(dir.resolve("apps/summarizer-agent/lib")).isDirectory();
    assertThat(first.archive()).contains(dir.resolve("apps/summarizer-agent/summarizer-agent.jsa"));
    assertThat(again).isEqualTo(first);
    assertThat(Files.getLastModifiedTime(marker)).isEqualTo(unpackedAt);

    Files.setLastModifiedTime(copy, FileTime.from(Instant.now().plusSeconds(60)));
    apps.prepare("summarizer-agent", copy);
    assertThat(Files.readString(marker)).endsWith("|" + Files.getLastModifiedTime(copy).toMillis());
    assertThat(console.err()).isEmpty();
  }
}
