package io.budai.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.budai.deploy.catalog.FleetService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildPlanTests {

  private static final FleetService GATEWAY = new FleetService("gateway-service", 8000, false);
  private static final FleetService ADMIN = new FleetService("admin-service", 8009, true);
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir Path root;

  @BeforeEach
  void repository() throws IOException {
    touch(root.resolve("pom.xml"), T0);
    for (String module :
        List.of("shared-contracts", "shared-platform", "gateway-service", "admin-service")) {
      touch(root.resolve(module).resolve("pom.xml"), T0);
      touch(root.resolve(module).resolve("src/main/java/A.java"), T0);
    }
  }

  @Test
  void aServiceWithoutAJarNeedsBuilding() {
    assertThat(new BuildPlan(root).stale(List.of(GATEWAY)))
        .containsEntry("gateway-service", "not built yet");
  }

  @Test
  void aJarNewerThanEverySourceIsFresh() throws IOException {
    Path jar = jar("gateway-service", T0.plusSeconds(60));

    assertThat(new BuildPlan(root).stale(List.of(GATEWAY))).isEmpty();
    assertThat(new BuildPlan(root).jar("gateway-service")).contains(jar);
  }

  @Test
  void aChangedSourceMakesOnlyItsServiceStale() throws IOException {
    jar("gateway-service", T0.plusSeconds(60));
    jar("admin-service", T0.plusSeconds(60));
    touch(
        root.resolve("admin-service/src/main/resources/db/migration/V2__x.sql"),
        T0.plusSeconds(120));

    assertThat(new BuildPlan(root).stale(List.of(GATEWAY, ADMIN)))
        .containsOnlyKeys("admin-service")
        .containsEntry("admin-service", "its sources changed since the last build");
  }

  @Test
  void aChangedSharedModuleOrRootPomMakesEveryServiceStale() throws IOException {
    jar("gateway-service", T0.plusSeconds(60));
    jar("admin-service", T0.plusSeconds(60));
    touch(root.resolve("shared-platform/src/main/java/B.java"), T0.plusSeconds(120));

    assertThat(new BuildPlan(root).stale(List.of(GATEWAY, ADMIN)))
        .containsOnlyKeys("gateway-service", "admin-service");
  }

  @Test
  void everyLibraryModuleOfTheReactorCountsAsShared() throws IOException {
    Files.writeString(
        root.resolve("pom.xml"),
        """
        <modules>
          <module>shared-contracts</module>
          <module>llm</module>
          <module>gateway-service</module>
          <module>deploy</module>
        </modules>
        """);
    Files.setLastModifiedTime(root.resolve("pom.xml"), FileTime.from(T0));
    jar("gateway-service", T0.plusSeconds(60));
    touch(root.resolve("llm/src/main/java/Llm.java"), T0.plusSeconds(120));

    assertThat(new BuildPlan(root).sharedModules()).containsExactly("shared-contracts", "llm");
    assertThat(new BuildPlan(root).stale(List.of(GATEWAY)))
        .containsEntry("gateway-service", "the shared modules or the root pom changed");
  }

  @Test
  void ignoresJarsThatAreNotTheExecutableOne() throws IOException {
    touch(root.resolve("gateway-service/target/gateway-service-0.1.0-SNAPSHOT-sources.jar"), T0);
    touch(root.resolve("gateway-service/target/gateway-service-0.1.0-SNAPSHOT.jar.original"), T0);

    assertThat(new BuildPlan(root).jar("gateway-service")).isEmpty();
  }

  @Test
  void mavenBuildsTheStaleModulesAndWhatTheyNeedWithoutTests() {
    MavenBuild build =
        new MavenBuild(
            new Workspace(root, root.resolve(".budai")), new CapturedConsole().console, root);

    assertThat(build.command(List.of("gateway-service", "admin-service")))
        .containsExactly(
            root.resolve("mvnw").toString(),
            "-B",
            "package",
            "-DskipTests",
            "-pl",
            "gateway-service,admin-service",
            "-am");
  }

  @Test
  void aMissingWrapperFailsTheBuildClearly() {
    CapturedConsole console = new CapturedConsole();
    MavenBuild build =
        new MavenBuild(new Workspace(root, root.resolve(".budai")), console.console, root);

    assertThat(build.build(List.of("gateway-service"))).isFalse();
    assertThat(console.err()).contains("mvnw is missing or not executable");
  }

  private Path jar(String module, Instant time) throws IOException {
    return touch(
        root.resolve(module).resolve("target").resolve(module + "-0.1.0-SNAPSHOT.jar"), time);
  }

  private static Path touch(Path file, Instant time) throws IOException {
    Files.createDirectories(file.getParent());
    if (!Files.exists(file)) {
      Files.createFile(file);
    }
    Files.setLastModifiedTime(file, FileTime.from(time));
    return file;
  }
}
