package io.budai.deploy.artefacts;

import static io.budai.deploy.artefacts.Repo.list;
import static io.budai.deploy.artefacts.Repo.map;

import io.budai.deploy.target.Yaml;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The Grafana dashboards and the metric names their queries use. */
public final class Dashboards {

  public static final Path DIR = Repo.ROOT.resolve("deploy/observability/grafana/dashboards");

  /** Series Prometheus makes itself, not the services. */
  public static final Set<String> PROMETHEUS_OWN = Set.of("up");

  private static final Set<String> PROMQL =
      Set.of(
          "sum",
          "min",
          "max",
          "avg",
          "count",
          "stddev",
          "topk",
          "bottomk",
          "quantile",
          "by",
          "without",
          "on",
          "ignoring",
          "group_left",
          "group_right",
          "and",
          "or",
          "unless",
          "bool",
          "rate",
          "irate",
          "increase",
          "delta",
          "histogram_quantile",
          "clamp_min",
          "clamp_max",
          "vector",
          "scalar",
          "abs",
          "label_values",
          "offset",
          "time");

  private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.$])[a-zA-Z_:][a-zA-Z0-9_:]*");

  private Dashboards() {}

  /** Every dashboard file, by name. */
  public static Map<String, Map<String, Object>> all() {
    Map<String, Map<String, Object>> dashboards = new TreeMap<>();
    try (Stream<Path> files = Files.list(DIR)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
        dashboards.put(
            file.getFileName().toString(), map(Yaml.loader().load(Files.readString(file))));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dashboards;
  }

  /** Every query expression of a dashboard's panels. */
  public static List<String> expressions(Map<String, Object> dashboard) {
    List<String> expressions = new ArrayList<>();
    for (Object panel : list(dashboard.get("panels"))) {
      for (Object target : list(map(panel).get("targets"))) {
        expressions.add(String.valueOf(map(target).get("expr")));
      }
    }
    return expressions;
  }

  /** The metric names an expression reads (labels, functions, variables and numbers left out). */
  public static Set<String> metricNames(String expression) {
    String stripped =
        expression
            .replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"")
            .replaceAll("\\{[^}]*}", "")
            .replaceAll("\\[[^]]*]", "")
            .replaceAll("\\b(by|without|on|ignoring)\\s*\\([^)]*\\)", "")
            .replaceAll("\\$\\w+", "");
    Set<String> names = new TreeSet<>();
    Matcher matcher = IDENTIFIER.matcher(stripped);
    while (matcher.find()) {
      String token = matcher.group();
      if (!PROMQL.contains(token)) {
        names.add(token);
      }
    }
    return names;
  }

  /** Every metric name the dashboards use. */
  public static Set<String> metricNames() {
    Set<String> names = new TreeSet<>();
    all().values().forEach(d -> expressions(d).forEach(e -> names.addAll(metricNames(e))));
    return names;
  }

  /**
   * The Micrometer name a Prometheus series comes from: {@code budai_bus_handler_seconds_bucket} →
   * {@code budai.bus.handler}.
   */
  public static String micrometerName(String series) {
    String name;
    if (series.matches(".*_seconds_(bucket|count|sum|max)$")) {
      name = series.replaceAll("_seconds_(bucket|count|sum|max)$", ""); // a timer
    } else {
      name = series.replaceAll("_(total|bucket|count|sum|max)$", ""); // a counter or summary
    }
    return name.replace('_', '.');
  }

  /** The names {@code metrics-under-load.yaml} lists: absent from an idle scrape, with why. */
  public static Map<String, String> underLoad() {
    Map<String, Object> file = Repo.yaml("deploy/observability/metrics-under-load.yaml");
    Map<String, String> names = new TreeMap<>();
    map(file.get("metrics")).forEach((name, why) -> names.put(name, String.valueOf(why)));
    return names;
  }
}
