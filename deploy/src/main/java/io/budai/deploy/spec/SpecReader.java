package io.budai.deploy.spec;

import io.budai.deploy.catalog.FleetService;
import io.budai.deploy.catalog.ServiceCatalog;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads a deploy spec and checks its shape, collecting every problem rather than stopping at the
 * first: unknown keys, unknown services, bad replica counts, variables that are really secrets or
 * that the target sets itself, secret references a target cannot resolve, and the secrets a target
 * cannot run without.
 */
public final class SpecReader {

  /** What reading a spec gave: the spec when it is usable, and every problem found. */
  public record Result(Optional<DeploySpec> spec, List<String> problems) {
    public boolean ok() {
      return spec.isPresent() && problems.isEmpty();
    }
  }

  static final int MAX_REPLICAS = 50;

  private static final Set<String> TOP_LEVEL =
      Set.of("name", "description", "target", "services", "variables", "secrets");

  /** The keys each target's section accepts. */
  static final Map<Target, Set<String>> OPTIONS =
      Map.of(
          Target.LOCAL, Set.of("strict_ports", "timeout", "build"),
          Target.COMPOSE, Set.of("project", "gateway_port", "observability", "gateway_url"),
          Target.KUBERNETES,
              Set.of(
                  "namespace",
                  "image_prefix",
                  "image_tag",
                  "ingress_host",
                  "redis_host",
                  "postgres_host",
                  "gateway_url",
                  "context"),
          Target.RAILWAY, Set.of("project", "repo", "branch", "gateway_url"));

  private static final Set<String> BOOLEAN_OPTIONS =
      Set.of("strict_ports", "build", "observability");
  private static final Set<String> INT_OPTIONS = Set.of("timeout", "gateway_port");

  /** The secrets each target cannot run without. */
  static final Map<Target, List<String>> REQUIRED_SECRETS =
      Map.of(
          Target.LOCAL, List.of(ServiceCatalog.ADMIN_TOKEN, ServiceCatalog.INTERNAL_TOKEN),
          Target.COMPOSE,
              List.of(
                  ServiceCatalog.ADMIN_TOKEN, ServiceCatalog.INTERNAL_TOKEN, "POSTGRES_PASSWORD"),
          Target.KUBERNETES,
              List.of(
                  ServiceCatalog.ADMIN_TOKEN,
                  ServiceCatalog.INTERNAL_TOKEN,
                  ServiceCatalog.DATABASE_URL),
          Target.RAILWAY, List.of(ServiceCatalog.ADMIN_TOKEN, ServiceCatalog.INTERNAL_TOKEN));

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
  private static final Pattern VARIABLE = Pattern.compile("[A-Z_][A-Z0-9_]*");
  private static final Pattern SECRET_LIKE =
      Pattern.compile(".*(_KEY|_TOKEN|_SECRET|_PASSWORD|PASSWORD)$|^(DATABASE_URL|REDIS_URL)$");

  private SpecReader() {}

  /** Reads {@code file}. */
  public static Result read(Path file) {
    if (!Files.isRegularFile(file)) {
      return new Result(Optional.empty(), List.of(file + ": no such file"));
    }
    Object document;
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      document = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
    } catch (IOException e) {
      return new Result(Optional.empty(), List.of(file + ": cannot read: " + e.getMessage()));
    } catch (YAMLException e) {
      return new Result(
          Optional.empty(),
          List.of(file + ": not valid YAML: " + e.getMessage().replace('\n', ' ')));
    }
    return parse(file, document);
  }

  /** Checks an already parsed document. */
  static Result parse(Path file, Object document) {
    List<String> problems = new ArrayList<>();
    if (!(document instanceof Map<?, ?> root)) {
      return new Result(
          Optional.empty(), List.of(file + ": expected a mapping (name:, target:, services:, …)"));
    }
    String name = string(root.get("name"));
    if (name == null) {
      problems.add("name: missing (a short name such as 'local' or 'production')");
      name = "unnamed";
    } else if (!NAME.matcher(name).matches()) {
      problems.add("name: '" + name + "' must be lower case letters, digits and '-'");
    }
    String targetName = string(root.get("target"));
    Optional<Target> target = targetName == null ? Optional.empty() : Target.parse(targetName);
    if (targetName == null) {
      problems.add("target: missing (one of local, compose, kubernetes, railway)");
    } else if (target.isEmpty()) {
      problems.add(
          "target: unknown target '"
              + targetName
              + "' (one of local, compose, kubernetes, railway)");
    }
    for (Object key : root.keySet()) {
      String k = String.valueOf(key);
      if (TOP_LEVEL.contains(k)) {
        continue;
      }
      Optional<Target> section = Target.parse(k);
      if (section.isEmpty()) {
        problems.add(k + ": unknown key");
      } else if (target.isPresent() && section.get() != target.get()) {
        problems.add(
            k + ": this section is for target " + k + ", the spec's target is " + targetName);
      }
    }

    Map<String, String> variables = variables("variables", root.get("variables"), problems);
    Map<FleetService, ServiceSpec> services = services(root.get("services"), target, problems);
    Map<String, SecretRef> secrets = secrets(root.get("secrets"), target, problems);
    Map<String, Object> options =
        target.map(t -> options(t, root.get(t.wire()), problems)).orElse(Map.of());

    if (target.isPresent()) {
      for (String required : REQUIRED_SECRETS.get(target.get())) {
        SecretRef ref = secrets.get(required);
        if (ref == null) {
          problems.add(
              "secrets: %s is missing (every %s deployment needs it)"
                  .formatted(required, target.get().wire()));
        } else if (ref.optional()) {
          problems.add("secrets." + required + ": cannot be optional");
        }
      }
      for (ServiceSpec service : services.values()) {
        checkVariables(
            "services." + service.service().module() + ".variables",
            service.variables(),
            secrets,
            problems);
      }
      checkVariables("variables", variables, secrets, problems);
    }
    if (target.isEmpty()) {
      return new Result(Optional.empty(), List.copyOf(problems));
    }
    DeploySpec spec =
        new DeploySpec(
            file.toAbsolutePath().normalize(),
            name,
            target.get(),
            services,
            variables,
            secrets,
            options);
    return new Result(Optional.of(spec), List.copyOf(problems));
  }

  private static Map<FleetService, ServiceSpec> services(
      Object node, Optional<Target> target, List<String> problems) {
    Map<String, Object> given = new LinkedHashMap<>();
    if (node instanceof Map<?, ?> map) {
      map.forEach((k, v) -> given.put(String.valueOf(k), v));
    } else if (node instanceof List<?> list) {
      list.forEach(item -> given.put(String.valueOf(item), null));
    } else if (node != null) {
      problems.add("services: expected a mapping of service name to its settings");
    }
    for (String module : given.keySet()) {
      if (ServiceCatalog.find(module).isEmpty()) {
        List<FleetService> guesses =
            ServiceCatalog.SERVICES.stream()
                .filter(s -> distance(s.module(), module) <= 3)
                .toList();
        problems.add(
            "services: unknown service '%s'%s"
                .formatted(
                    module,
                    guesses.size() == 1
                        ? " (did you mean " + guesses.getFirst().module() + "?)"
                        : " (the fleet's services: "
                            + String.join(
                                ", ",
                                ServiceCatalog.SERVICES.stream().map(FleetService::module).toList())
                            + ")"));
      }
    }
    Map<FleetService, ServiceSpec> services = new LinkedHashMap<>();
    for (FleetService service : ServiceCatalog.SERVICES) {
      Object settings = given.get(service.module());
      String where = "services." + service.module();
      int replicas = 1;
      Map<String, String> variables = Map.of();
      if (settings instanceof Map<?, ?> map) {
        for (Object key : map.keySet()) {
          if (!Set.of("replicas", "variables").contains(String.valueOf(key))) {
            problems.add(where + "." + key + ": unknown key (replicas, variables)");
          }
        }
        Object count = map.get("replicas");
        if (count != null) {
          if (count instanceof Integer n && n >= 1 && n <= MAX_REPLICAS) {
            replicas = n;
          } else {
            problems.add(where + ".replicas: must be a whole number from 1 to " + MAX_REPLICAS);
          }
        }
        variables = variables(where + ".variables", map.get("variables"), problems);
      } else if (settings != null) {
        problems.add(where + ": expected a mapping (replicas:, variables:)");
      }
      if (replicas > 1 && target.equals(Optional.of(Target.LOCAL))) {
        problems.add(
            where
                + ".replicas: the local target runs one JVM per service; use compose, kubernetes"
                + " or railway for replicas");
      }
      services.put(service, new ServiceSpec(service, replicas, variables));
    }
    return services;
  }

  private static Map<String, String> variables(String where, Object node, List<String> problems) {
    Map<String, String> variables = new LinkedHashMap<>();
    if (node == null) {
      return variables;
    }
    if (!(node instanceof Map<?, ?> map)) {
      problems.add(where + ": expected a mapping of NAME: value");
      return variables;
    }
    map.forEach(
        (k, v) -> {
          String key = String.valueOf(k);
          if (!VARIABLE.matcher(key).matches()) {
            problems.add(where + "." + key + ": not a variable name (A-Z, 0-9, _)");
          } else if (v instanceof Map<?, ?> || v instanceof List<?>) {
            problems.add(where + "." + key + ": expected a single value");
          } else {
            variables.put(key, v == null ? "" : String.valueOf(v));
          }
        });
    return variables;
  }

  private static void checkVariables(
      String where,
      Map<String, String> variables,
      Map<String, SecretRef> secrets,
      List<String> problems) {
    for (String key : variables.keySet()) {
      if (setByTarget(key)) {
        problems.add(where + "." + key + ": set by the deploy target itself; leave it out");
      } else if (secrets.containsKey(key)) {
        problems.add(where + "." + key + ": also declared under secrets; keep it in one place");
      } else if (SECRET_LIKE.matcher(key).matches()) {
        problems.add(
            where
                + "."
                + key
                + ": looks like a secret; declare it under secrets (by reference), not as a value");
      }
    }
  }

  /** Variables every target computes: ports, bind address, the services' URLs. */
  static boolean setByTarget(String key) {
    if (Set.of("PORT", "SERVER_PORT", "SERVER_ADDRESS", "BUDAI_HOME", "BUDAI_GATEWAY_URL")
        .contains(key)) {
      return true;
    }
    return ServiceCatalog.SERVICES.stream()
        .anyMatch(s -> s.urlVariable().equals(key) || s.portVariable().equals(key));
  }

  private static Map<String, SecretRef> secrets(
      Object node, Optional<Target> target, List<String> problems) {
    Map<String, SecretRef> secrets = new LinkedHashMap<>();
    if (node == null) {
      return secrets;
    }
    if (!(node instanceof Map<?, ?> map)) {
      problems.add("secrets: expected a mapping of NAME: {from: env|file|generated|shared}");
      return secrets;
    }
    map.forEach(
        (k, v) -> {
          String name = String.valueOf(k);
          String where = "secrets." + name;
          if (!VARIABLE.matcher(name).matches()) {
            problems.add(where + ": not a variable name (A-Z, 0-9, _)");
            return;
          }
          if (setByTarget(name)) {
            problems.add(where + ": set by the deploy target itself; leave it out");
            return;
          }
          @Nullable String from = null;
          @Nullable String source = null;
          boolean optional = false;
          if (v instanceof String shorthand) {
            if (shorthand.equals("optional")) {
              source = "env";
              optional = true;
            } else {
              source = shorthand;
            }
          } else if (v instanceof Map<?, ?> ref) {
            for (Object key : ref.keySet()) {
              if (!Set.of("from", "var", "path", "optional").contains(String.valueOf(key))) {
                problems.add(where + "." + key + ": unknown key (from, var, path, optional)");
              }
            }
            source = string(ref.get("from"));
            Object opt = ref.get("optional");
            if (opt != null && !(opt instanceof Boolean)) {
              problems.add(where + ".optional: expected true or false");
            }
            optional = Boolean.TRUE.equals(opt);
            from = string(ref.get(source != null && source.equals("file") ? "path" : "var"));
          } else {
            problems.add(where + ": expected {from: env|file|generated|shared} or a shorthand");
            return;
          }
          SecretRef.Source kind = null;
          for (SecretRef.Source candidate : SecretRef.Source.values()) {
            if (candidate.wire().equals(source)) {
              kind = candidate;
            }
          }
          if (kind == null) {
            problems.add(
                where + ".from: unknown source '" + source + "' (env, file, generated, shared)");
            return;
          }
          if (kind == SecretRef.Source.FILE && from == null) {
            problems.add(where + ".path: a file secret needs path:");
            return;
          }
          if (kind == SecretRef.Source.GENERATED
              && target.isPresent()
              && target.get() != Target.LOCAL) {
            problems.add(
                where
                    + ": 'generated' is for the local target only; a shared environment needs a"
                    + " value you keep (from: env)");
          }
          if (kind == SecretRef.Source.GENERATED
              && !Set.of(ServiceCatalog.ADMIN_TOKEN, ServiceCatalog.INTERNAL_TOKEN)
                  .contains(name)) {
            problems.add(where + ": only the admin and internal tokens can be generated");
          }
          if (kind == SecretRef.Source.SHARED
              && target.isPresent()
              && target.get() != Target.RAILWAY) {
            problems.add(
                where + ": 'shared' (a Railway shared variable) is for the railway target");
          }
          secrets.put(name, new SecretRef(name, kind, from == null ? name : from, optional));
        });
    return secrets;
  }

  private static Map<String, Object> options(Target target, Object node, List<String> problems) {
    Map<String, Object> options = new LinkedHashMap<>();
    if (node == null) {
      return options;
    }
    if (!(node instanceof Map<?, ?> map)) {
      problems.add(target.wire() + ": expected a mapping");
      return options;
    }
    Set<String> known = OPTIONS.get(target);
    map.forEach(
        (k, v) -> {
          String key = String.valueOf(k);
          String where = target.wire() + "." + key;
          if (!known.contains(key)) {
            problems.add(
                where
                    + ": unknown key ("
                    + String.join(", ", known.stream().sorted().toList())
                    + ")");
          } else if (BOOLEAN_OPTIONS.contains(key) && !(v instanceof Boolean)) {
            problems.add(where + ": expected true or false");
          } else if (INT_OPTIONS.contains(key) && !(v instanceof Integer n && n > 0)) {
            problems.add(where + ": expected a positive whole number");
          } else if (v instanceof Map<?, ?> || v instanceof List<?> || v == null) {
            problems.add(where + ": expected a single value");
          } else {
            options.put(key, v);
          }
        });
    return options;
  }

  /** Levenshtein distance, for "did you mean". */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] =
            Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  private static @Nullable String string(@Nullable Object value) {
    return value == null ? null : String.valueOf(value).strip();
  }
}
