package io.budai.benchmarks;

import io.budai.benchmarks.bus.BusBenchmark;

/**
 * Entry point of the benchmarks: {@code ./mvnw -B -pl benchmarks -am verify -DskipTests
 * -Dbench=<name>}. Each benchmark prints a table and writes {@code benchmarks/results/<name>.md}.
 */
public final class Benchmarks {

  private Benchmarks() {}

  public static void main(String[] args) throws Exception {
    String name = args.length == 0 ? "bus" : args[0];
    switch (name) {
      case "bus", "true", "" -> BusBenchmark.main(new String[0]);
      case "bus-drain" -> BusBenchmark.drainsOnly(args.length > 1 ? Integer.parseInt(args[1]) : 5);
      default -> {
        System.err.println("Unknown benchmark '" + name + "'. Known: bus, bus-drain");
        System.exit(2);
      }
    }
  }
}
