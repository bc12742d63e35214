package io.budai.deploy.target;

import io.budai.deploy.spec.DeploySpec;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One command's work on one spec.
 *
 * @param spec the spec
 * @param root the repository root
 * @param home the CLI's state directory; rendered files go to {@code home/deploy/<spec name>/}
 * @param secrets the secrets' values found so far, by name (never written into rendered files,
 *     except the private env files a target's tool reads)
 * @param environment the invocation's environment ({@code .env} merged in), tools run with it
 * @param out results
 * @param err problems
 */
public record TargetRun(
    DeploySpec spec,
    Path root,
    Path home,
    Map<String, String> secrets,
    Map<String, String> environment,
    PrintStream out,
    PrintStream err) {

  public TargetRun {
    secrets = Map.copyOf(secrets);
    environment = Map.copyOf(environment);
  }

  /** Where this spec's rendered files go. */
  public Path renderDir() {
    return home.resolve("deploy").resolve(spec.name());
  }

  /** The tools, run with the environment plus the secrets (so compose can interpolate them). */
  public Tools tools() {
    Map<String, String> merged = new LinkedHashMap<>(environment);
    merged.putAll(secrets);
    return new Tools(merged, root);
  }

  /** {@code path} relative to the repository root when inside it, for messages. */
  public String display(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    return absolute.startsWith(root) ? root.relativize(absolute).toString() : absolute.toString();
  }
}
