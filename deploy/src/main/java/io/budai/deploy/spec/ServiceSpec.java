package io.budai.deploy.spec;

import io.budai.deploy.catalog.FleetService;
import java.util.Map;

/**
 * One service of a spec.
 *
 * @param service the service
 * @param replicas how many instances run (every service is replica-safe: deploy/README.md)
 * @param variables variables for this service only, over the spec's
 */
public record ServiceSpec(FleetService service, int replicas, Map<String, String> variables) {

  public ServiceSpec {
    variables = Map.copyOf(variables);
  }
}
