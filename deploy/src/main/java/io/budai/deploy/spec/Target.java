package io.budai.deploy.spec;

import java.util.Locale;
import java.util.Optional;

/** Where a spec deploys the fleet. */
public enum Target {
  /** Every service as a JVM on this machine ({@code budai up}). */
  LOCAL,
  /** Docker Compose: the root {@code docker-compose.yml} plus a rendered override. */
  COMPOSE,
  /** Kubernetes: {@code deploy/kubernetes/} plus a rendered kustomize overlay. */
  KUBERNETES,
  /** Railway: {@code .railway/railway.ts} generated from the spec. */
  RAILWAY;

  /** The name written in specs. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Optional<Target> parse(String value) {
    for (Target target : values()) {
      if (target.wire().equals(value)) {
        return Optional.of(target);
      }
    }
    return Optional.empty();
  }
}
