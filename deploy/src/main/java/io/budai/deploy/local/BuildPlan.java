package io.budai.deploy.local;

import io.budai.deploy.catalog.FleetService;
import io.budai.deploy.catalog.ServiceCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which service jars are missing or older than their sources. A service's inputs are its own {@code
 * pom.xml} and {@code src/}, the root {@code pom.xml}, and the shared modules every service builds
 * on ({@code shared-contracts}, {@code shared-platform}).
 */
final class BuildPlan {

  /** The shared modules when the root pom names none. */
  static final List<String> SHARED_MODULES = List.of("shared-contracts", "shared-platform");

  private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");

  private final Path root;

  BuildPlan(Path root) {
    this.root = root;
  }

  /** The executable jar Maven builds for {@code module}, if it exists. */
  Optional<Path> jar(String module) {
    Path target = root.resolve(module).resolve("target");
    if (!Files.isDirectory(target)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.list(target)) {
      return files
          .filter(
              f -> {
                String name = f.getFileName().toString();
                return name.startsWith(module + "-")
                    && name.endsWith(".jar")
                    && !name.endsWith("-sources.jar")
                    && !name.endsWith("-javadoc.jar")
                    && !name.endsWith("-tests.jar")
                    && !name.endsWith("-plain.jar");
              })
          .max(Comparator.comparing(BuildPlan::modified));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Each module that needs building, with the reason, in {@code services} order. */
  Map<String, String> stale(List<FleetService> services) {
    FileTime shared = newest(sharedInputs());
    Map<String, String> stale = new LinkedHashMap<>();
    for (FleetService service : services) {
      Optional<Path> jar = jar(service.module());
      if (jar.isEmpty()) {
        stale.put(service.module(), "not built yet");
        continue;
      }
      FileTime built = modified(jar.get());
      FileTime own =
          newest(
              List.of(
                  root.resolve(service.module()).resolve("pom.xml"),
                  root.resolve(service.module()).resolve("src")));
      if (own.compareTo(built) > 0) {
        stale.put(service.module(), "its sources changed since the last build");
      } else if (shared.compareTo(built) > 0) {
        stale.put(service.module(), "the shared modules or the root pom changed");
      }
    }
    return stale;
  }

  private List<Path> sharedInputs() {
    List<Path> inputs = new java.util.ArrayList<>();
    inputs.add(root.resolve("pom.xml"));
    for (String module : sharedModules()) {
      inputs.add(root.resolve(module).resolve("pom.xml"));
      inputs.add(root.resolve(module).resolve("src"));
    }
    return inputs;
  }

  /**
   * The library modules services build on: every module of the root pom that is neither a service
   * nor the CLI ({@code shared-contracts}, {@code shared-platform}, {@code llm}, …).
   */
  List<String> sharedModules() {
    Path pom = root.resolve("pom.xml");
    if (!Files.isRegularFile(pom)) {
      return SHARED_MODULES;
    }
    try {
      Matcher matcher = MODULE.matcher(Files.readString(pom));
      List<String> modules = new java.util.ArrayList<>();
      while (matcher.find()) {
        String module = matcher.group(1).strip();
        if (ServiceCatalog.find(module).isEmpty() && !module.equals("deploy")) {
          modules.add(module);
        }
      }
      return modules.isEmpty() ? SHARED_MODULES : modules;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The newest modification time of the files under {@code paths} (missing paths ignored). */
  static FileTime newest(List<Path> paths) {
    FileTime newest = FileTime.fromMillis(0);
    for (Path path : paths) {
      if (!Files.exists(path)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(path)) {
        for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
          FileTime time = modified(file);
          if (time.compareTo(newest) > 0) {
            newest = time;
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return newest;
  }

  private static FileTime modified(Path file) {
    try {
      return Files.getLastModifiedTime(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
