package io.budai.deploy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class DatabaseUrlTests {

  @Test
  void readsTheHostedForm() {
    DatabaseUrl url =
        DatabaseUrl.parse("postgresql://budai:s3cret@db.internal:6543/budai?sslmode=require");

    assertThat(url.host()).isEqualTo("db.internal");
    assertThat(url.port()).isEqualTo(6543);
    assertThat(url.database()).isEqualTo("budai");
    assertThat(url.user()).contains("budai");
    assertThat(url.password()).contains("s3cret");
    assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6543/budai?sslmode=require");
  }

  @Test
  void acceptsPostgresSchemeJdbcPrefixAndDefaultPort() {
    assertThat(DatabaseUrl.parse("postgres://u@localhost/app").port()).isEqualTo(5432);
    assertThat(DatabaseUrl.parse("jdbc:postgresql://localhost:5433/app").password()).isEmpty();
  }

  @Test
  void formatEncodesWhatParseDecodes() {
    String formatted = DatabaseUrl.format("bud ai", "p@ss:w/rd", "127.0.0.1", 40000, "budai");

    DatabaseUrl parsed = DatabaseUrl.parse(formatted);

    assertThat(parsed.user()).contains("bud ai");
    assertThat(parsed.password()).contains("p@ss:w/rd");
    assertThat(parsed.port()).isEqualTo(40000);
    assertThat(parsed.query()).isEqualTo(Optional.empty());
  }

  @Test
  void rejectsWhatIsNotAPostgresUrlWithoutShowingThePassword() {
    assertThatThrownBy(() -> DatabaseUrl.parse("mysql://root:hunter2@localhost/db"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a PostgreSQL URL")
        .hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> DatabaseUrl.parse("postgresql://u:p@localhost:5432/"))
        .hasMessageContaining("without a database");
  }

  @Test
  void redactsPasswordsOfRedisAndPostgresUrls() {
    assertThat(DatabaseUrl.redact("redis://:pw@127.0.0.1:6379"))
        .isEqualTo("redis://:***@127.0.0.1:6379");
    assertThat(DatabaseUrl.redact("postgresql://budai:pw@h:1/db"))
        .isEqualTo("postgresql://budai:***@h:1/db");
    assertThat(DatabaseUrl.redact("redis://127.0.0.1:6379")).isEqualTo("redis://127.0.0.1:6379");
  }
}
