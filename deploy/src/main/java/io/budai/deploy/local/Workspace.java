package io.budai.deploy.local;

import java.nio.file.Path;

/**
 * The layout of the CLI's state directory ({@code BUDAI_HOME}, {@code .budai/} by default).
 *
 * <pre>
 * .budai/admin-token, internal-token   secrets, mode 600
 * .budai/logs/&lt;name&gt;.log             one per service, redis, postgres, build (previous run: .log.1)
 * .budai/run/&lt;name&gt;.properties        pid, process start time, port, URL of what is running
 * .budai/run/fleet.env                 the shared variables of the running fleet ({@code budai env})
 * .budai/data/redis, data/postgres     the private instances' data: kept across down/up
 * .budai/apps/&lt;module&gt;/               the unpacked service jar and its class-data-sharing archive
 * .budai/tools/                        embedded binaries unpacked from the CLI jar
 * </pre>
 *
 * @param root the repository root
 * @param home the state directory
 */
record Workspace(Path root, Path home) {

  Path logs() {
    return home.resolve("logs");
  }

  Path logFile(String name) {
    return logs().resolve(name + ".log");
  }

  Path run() {
    return home.resolve("run");
  }

  Path data() {
    return home.resolve("data");
  }

  Path apps() {
    return home.resolve("apps");
  }

  Path tools() {
    return home.resolve("tools");
  }

  Path adminTokenFile() {
    return home.resolve("admin-token");
  }

  Path internalTokenFile() {
    return home.resolve("internal-token");
  }

  /** The demo user's API key, as {@code up} minted it. */
  Path demoKeyFile() {
    return home.resolve("demo-api-key");
  }

  Path lockFile() {
    return home.resolve("lock");
  }

  /** {@code path} relative to the current directory's view of the repository, for messages. */
  String display(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    return absolute.startsWith(root) ? root.relativize(absolute).toString() : absolute.toString();
  }
}
