package io.budai.deploy.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds service jars with the repository's Maven wrapper ({@code ./mvnw -B package -DskipTests -pl
 * <modules> -am}), showing one line per module as the reactor reaches it; the whole output goes to
 * {@code .budai/logs/build.log}, whose end is printed on failure.
 */
final class MavenBuild {

  private static final Pattern BUILDING =
      Pattern.compile("^\\[INFO\\] Building (\\S+) \\S+\\s+\\[(\\d+)/(\\d+)\\]\\s*$");
  private static final int LOG_LINES_ON_FAILURE = 40;

  private final Workspace workspace;
  private final Console console;
  private final Path javaHome;

  MavenBuild(Workspace workspace, Console console, Path javaHome) {
    this.workspace = workspace;
    this.console = console;
    this.javaHome = javaHome;
  }

  /** The Maven command that builds {@code modules} and what they depend on. */
  List<String> command(Collection<String> modules) {
    List<String> command = new ArrayList<>();
    command.add(workspace.root().resolve("mvnw").toString());
    command.add("-B");
    command.add("package");
    // Not -Dmaven.test.skip: some services depend on a library's test jar, which it would not
    // build.
    command.add("-DskipTests");
    command.add("-pl");
    command.add(String.join(",", modules));
    command.add("-am");
    return command;
  }

  /** Runs the build; true when it succeeded. */
  boolean build(Collection<String> modules) {
    Path mvnw = workspace.root().resolve("mvnw");
    if (!Files.isExecutable(mvnw)) {
      console.problem("Cannot build: " + mvnw + " is missing or not executable.");
      return false;
    }
    if (!Files.isExecutable(javaHome.resolve("bin").resolve("javac"))) {
      console.problem(
          "Cannot build: "
              + javaHome
              + " is a JRE, not a JDK (no bin/javac). Set JAVA_HOME to a JDK >= 21.");
      return false;
    }
    Path log = workspace.logFile("build");
    Instant start = Instant.now();
    console.line("$ " + String.join(" ", command(modules)).replace(workspace.root() + "/", "./"));
    try {
      Files.createDirectories(log.getParent());
      ProcessBuilder builder =
          new ProcessBuilder(command(modules))
              .directory(workspace.root().toFile())
              .redirectErrorStream(true)
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      Map<String, String> env = builder.environment();
      env.put("JAVA_HOME", javaHome.toString());
      env.put(
          "PATH",
          javaHome.resolve("bin") + java.io.File.pathSeparator + env.getOrDefault("PATH", ""));
      Process process = builder.start();
      try (BufferedReader reader =
              new BufferedReader(
                  new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
          PrintWriter writer =
              new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8))) {
        String line;
        while ((line = reader.readLine()) != null) {
          writer.println(line);
          Matcher matcher = BUILDING.matcher(line);
          if (matcher.matches()) {
            console.line(
                "  [%s/%s] %s (%s)"
                    .formatted(
                        matcher.group(2),
                        matcher.group(3),
                        matcher.group(1),
                        Console.seconds(Duration.between(start, Instant.now()))));
          }
        }
      }
      int exit = process.waitFor();
      if (exit != 0) {
        console.problem(
            "The build failed (exit code %d). Last lines of %s:"
                .formatted(exit, workspace.display(log)));
        for (String line : LogTail.last(log, LOG_LINES_ON_FAILURE)) {
          console.problem("    | " + line);
        }
        return false;
      }
      console.line("  built in " + Console.seconds(Duration.between(start, Instant.now())));
      return true;
    } catch (IOException e) {
      console.problem("Cannot run the build: " + e.getMessage());
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
