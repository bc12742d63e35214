package io.budai.deploy.spec;

import io.budai.deploy.catalog.FleetService;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One environment, as a {@code deploy/specs/*.yaml} file describes it.
 *
 * @param file where it was read from
 * @param name its name (rendered files go to {@code $BUDAI_HOME/deploy/<name>/})
 * @param target where it deploys
 * @param services every service of the fleet, in catalog order, with its replicas and variables
 * @param variables variables every service gets
 * @param secrets the secrets, by reference, in file order
 * @param options the target's own section ({@code local:}, {@code compose:}, …)
 */
public record DeploySpec(
    Path file,
    String name,
    Target target,
    Map<FleetService, ServiceSpec> services,
    Map<String, String> variables,
    Map<String, SecretRef> secrets,
    Map<String, Object> options) {

  public DeploySpec {
    services = Collections.unmodifiableMap(new LinkedHashMap<>(services));
    variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    secrets = Collections.unmodifiableMap(new LinkedHashMap<>(secrets));
    options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
  }

  /** The spec of {@code service}. */
  public ServiceSpec service(FleetService service) {
    ServiceSpec spec = services.get(service);
    if (spec == null) {
      throw new IllegalArgumentException(service.module() + " is not in spec " + name);
    }
    return spec;
  }

  /** A string option of the target's section. */
  public Optional<String> option(String key) {
    Object value = options.get(key);
    return value == null ? Optional.empty() : Optional.of(String.valueOf(value));
  }

  /** A string option, or {@code fallback}. */
  public String option(String key, String fallback) {
    return option(key).orElse(fallback);
  }

  /** A whole-number option, or {@code fallback} (the reader has checked it is a number). */
  public int intOption(String key, int fallback) {
    return option(key).map(Integer::parseInt).orElse(fallback);
  }

  /** A yes/no option, or {@code fallback} (the reader has checked it is a boolean). */
  public boolean boolOption(String key, boolean fallback) {
    return option(key).map(Boolean::parseBoolean).orElse(fallback);
  }

  /** The variables {@code service} gets from the spec: the spec's, then its own. */
  public Map<String, String> variablesOf(FleetService service) {
    Map<String, String> merged = new LinkedHashMap<>(variables);
    merged.putAll(service(service).variables());
    return merged;
  }
}
