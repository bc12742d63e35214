package io.budai.deploy.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsTests {

  @TempDir Path home;

  @Test
  void generatesOnceThenKeepsTheSameValue() {
    Path file = home.resolve("admin-token");

    Secrets.Secret first = Secrets.resolve(file, Optional.empty());
    Secrets.Secret second = Secrets.resolve(file, Optional.empty());

    assertThat(first.source()).isEqualTo(Secrets.Source.GENERATED);
    assertThat(second.source()).isEqualTo(Secrets.Source.KEPT);
    assertThat(second.value()).isEqualTo(first.value());
  }

  @Test
  void theEnvironmentWinsAndLeavesTheFileAlone() throws Exception {
    Path file = home.resolve("admin-token");
    Files.writeString(file, "kept");

    Secrets.Secret secret = Secrets.resolve(file, Optional.of("chosen"));

    assertThat(secret.value()).isEqualTo("chosen");
    assertThat(secret.source()).isEqualTo(Secrets.Source.ENVIRONMENT);
    assertThat(Files.readString(file)).isEqualTo("kept");
  }

  @Test
  void keepsSecretsReadableByTheOwnerOnly() throws Exception {
    Path file = home.resolve("nested").resolve("internal-token");

    Secrets.resolve(file, Optional.empty());

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void generatesDistinctUrlSafeTokens() {
    String a = Secrets.generate();
    String b = Secrets.generate();

    assertThat(a).hasSize(43).matches("[A-Za-z0-9_-]+");
    assertThat(a).isNotEqualTo(b);
  }
}
