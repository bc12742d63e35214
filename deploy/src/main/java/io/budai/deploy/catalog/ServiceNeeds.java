package io.budai.deploy.catalog;

import java.util.List;

/**
 * What one service needs to run, for {@code budai explain} and {@code budai validate}.
 *
 * @param tier its place in the start order: 1 orchestrator, 2 agents, 3 edge-facing services and
 *     the stores of record, 4 the gateway (0 is Redis and PostgreSQL)
 * @param role one line saying what it does
 * @param calls the services it calls over HTTP (DESIGN.md §1)
 * @param secrets the secrets it cannot start without
 * @param optional the keys that switch on its real integrations (unset: the offline default)
 */
public record ServiceNeeds(
    int tier, String role, List<String> calls, List<String> secrets, List<String> optional) {

  public ServiceNeeds {
    calls = List.copyOf(calls);
    secrets = List.copyOf(secrets);
    optional = List.copyOf(optional);
  }
}
