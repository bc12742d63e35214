package io.budai.test;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;

/**
 * A PostgreSQL server private to this JVM, from the embedded binaries shipped as a Maven artifact
 * (zonky). Unlike the machine's own binaries it also runs as root, which CI machines are.
 */
final class LocalPostgres {

  private final EmbeddedPostgres postgres;

  private LocalPostgres(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  static LocalPostgres start() {
    try {
      return new LocalPostgres(
          EmbeddedPostgres.builder()
              .setPort(LocalRedis.freePort())
              .setServerConfig("fsync", "off")
              .setServerConfig("synchronous_commit", "off")
              .setServerConfig("full_page_writes", "off")
              .setServerConfig("max_connections", "300")
              .start());
    } catch (IOException e) {
      throw new IllegalStateException("Could not start a private PostgreSQL", e);
    }
  }

  /** JDBC URL of the {@code postgres} database, user {@code postgres}, no password. */
  String adminJdbcUrl() {
    return postgres.getJdbcUrl("postgres", "postgres");
  }

  int port() {
    return postgres.getPort();
  }

  void stop() {
    try {
      postgres.close();
    } catch (IOException ignored) {
      // the JVM is exiting; nothing left to do
    }
  }
}
