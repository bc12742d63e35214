package io.budai.deploy.local;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gives each service a port: the one it prefers when that is free, else (unless strict) the next
 * free one above every preferred port, so a fleet whose 8000–8009 block is partly taken moves the
 * displaced services to 8010, 8011… and says so.
 */
final class PortAllocator {

  /** A service asking for a port. */
  record Request(String name, int preferred) {}

  /**
   * The ports given, what had to move (one line each), and, when strict, why it failed (one line
   * each; {@code ports} is then incomplete).
   */
  record Allocation(Map<String, Integer> ports, List<String> notices, List<String> errors) {
    boolean ok() {
      return errors.isEmpty();
    }
  }

  private static final int HIGHEST_PORT = 65535;

  private final PortProbe probe;

  PortAllocator(PortProbe probe) {
    this.probe = probe;
  }

  /**
   * Allocates ports for {@code requests} (in order), never one of {@code reserved} (ports of
   * processes the fleet already runs, or of its private Redis/PostgreSQL).
   */
  Allocation allocate(List<Request> requests, Set<Integer> reserved, boolean strict) {
    Map<String, Integer> ports = new LinkedHashMap<>();
    List<String> notices = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    Set<Integer> used = new HashSet<>(reserved);
    List<Request> displaced = new ArrayList<>();
    int highestPreferred = 0;
    for (Request request : requests) {
      highestPreferred = Math.max(highestPreferred, request.preferred());
      if (!used.contains(request.preferred()) && probe.isFree(request.preferred())) {
        ports.put(request.name(), request.preferred());
        used.add(request.preferred());
      } else {
        displaced.add(request);
      }
    }
    int next = highestPreferred + 1;
    for (Request request : displaced) {
      String why =
          reserved.contains(request.preferred()) || ports.containsValue(request.preferred())
              ? "is already used by this fleet"
              : "is taken by another process";
      if (strict) {
        errors.add(
            "port %d for %s %s (--strict-ports: not picking another)"
                .formatted(request.preferred(), request.name(), why));
        continue;
      }
      while (next <= HIGHEST_PORT && (used.contains(next) || !probe.isFree(next))) {
        next++;
      }
      if (next > HIGHEST_PORT) {
        errors.add("no free port left for " + request.name());
        continue;
      }
      notices.add(
          "port %d for %s %s: using %d instead"
              .formatted(request.preferred(), request.name(), why, next));
      ports.put(request.name(), next);
      used.add(next);
      next++;
    }
    return new Allocation(ports, List.copyOf(notices), List.copyOf(errors));
  }
}
