package io.budai.deploy.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.budai.deploy.catalog.ServiceCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecReaderTests {

  private static final Path SPECS = Path.of("").toAbsolutePath().resolve("specs");

  @TempDir Path dir;

  private SpecReader.Result read(String yaml) throws IOException {
    Path file = dir.resolve("spec.yaml");
    Files.writeString(file, yaml);
    return SpecReader.read(file);
  }

  @Test
  void theFourShippedSpecsAreValid() {
    for (String name : List.of("local", "compose", "kubernetes", "railway")) {
      SpecReader.Result result = SpecReader.read(SPECS.resolve(name + ".yaml"));
      assertThat(result.problems()).as(name).isEmpty();
      assertThat(result.spec()).isPresent();
      assertThat(result.spec().get().services()).hasSize(ServiceCatalog.SERVICES.size());
    }
    DeploySpec kubernetes = SpecReader.read(SPECS.resolve("kubernetes.yaml")).spec().orElseThrow();
    assertThat(kubernetes.target()).isEqualTo(Target.KUBERNETES);
    assertThat(kubernetes.service(ServiceCatalog.GATEWAY).replicas()).isEqualTo(2);
    assertThat(kubernetes.secrets().get("OPENAI_API_KEY").optional()).isTrue();
    assertThat(kubernetes.option("namespace", "x")).isEqualTo("budai");
  }

  @Test
  void everyProblemIsListedAtOnce() throws IOException {
    SpecReader.Result result =
        read(
            """
            name: Bad Name
            target: local
            colour: blue
            compose:
              project: x
            services:
              gateway-service: {replicas: 3}
              sumarizer-agent: {}
              admin-service: {replicas: 0, cpu: 2}
            variables:
              PORT: 9000
              OPENAI_API_KEY: sk-123
              lower: x
            secrets:
              ADMIN_API_TOKEN: {from: vault}
              SLACK_BOT_TOKEN: {from: env, optional: maybe}
              DATABASE_URL: generated
            local:
              timeout: soon
              colour: red
            """);
    assertThat(result.ok()).isFalse();
    assertThat(result.problems())
        .contains(
            "name: 'Bad Name' must be lower case letters, digits and '-'",
            "colour: unknown key",
            "compose: this section is for target compose, the spec's target is local",
            "services: unknown service 'sumarizer-agent' (did you mean summarizer-agent?)",
            "services.admin-service.cpu: unknown key (replicas, variables)",
            "services.admin-service.replicas: must be a whole number from 1 to 50",
            "variables.PORT: set by the deploy target itself; leave it out",
            "variables.lower: not a variable name (A-Z, 0-9, _)",
            "secrets.ADMIN_API_TOKEN.from: unknown source 'vault' (env, file, generated, shared)",
            "secrets.SLACK_BOT_TOKEN.optional: expected true or false",
            "secrets.DATABASE_URL: only the admin and internal tokens can be generated",
            "secrets: ADMIN_API_TOKEN is missing (every local deployment needs it)",
            "secrets: BUDAI_INTERNAL_TOKEN is missing (every local deployment needs it)",
            "local.timeout: expected a positive whole number",
            "local.colour: unknown key (build, strict_ports, timeout)")
        .anyMatch(
            p -> p.startsWith("services.gateway-service.replicas: the local target runs one JVM"))
        .anyMatch(p -> p.startsWith("variables.OPENAI_API_KEY: looks like a secret"));
  }

  @Test
  void aMissingOrUnknownTargetAndMalformedYamlAreReported() throws IOException {
    assertThat(read("name: x\n").problems())
        .contains("target: missing (one of local, compose, kubernetes, railway)");
    assertThat(read("name: x\ntarget: nomad\n").problems())
        .contains("target: unknown target 'nomad' (one of local, compose, kubernetes, railway)");
    assertThat(read("name: [x\n").problems()).singleElement().asString().contains("not valid YAML");
    assertThat(read("- a\n- b\n").problems())
        .singleElement()
        .asString()
        .contains("expected a mapping");
    assertThat(SpecReader.read(dir.resolve("nope.yaml")).problems())
        .singleElement()
        .asString()
        .endsWith("no such file");
  }

  @Test
  void generatedSecretsAreLocalOnlyAndSharedOnesRailwayOnly() throws IOException {
    SpecReader.Result compose =
        read(
            """
            name: c
            target: compose
            secrets:
              ADMIN_API_TOKEN: generated
              BUDAI_INTERNAL_TOKEN: shared
              POSTGRES_PASSWORD: {from: file, path: secrets/pg}
            """);
    assertThat(compose.problems())
        .anyMatch(
            p -> p.startsWith("secrets.ADMIN_API_TOKEN: 'generated' is for the local target only"))
        .contains(
            "secrets.BUDAI_INTERNAL_TOKEN: 'shared' (a Railway shared variable) is for the railway target");
    assertThat(compose.spec().orElseThrow().secrets().get("POSTGRES_PASSWORD"))
        .isEqualTo(new SecretRef("POSTGRES_PASSWORD", SecretRef.Source.FILE, "secrets/pg", false));
  }

  @Test
  void serviceVariablesMergeOverTheSpecsAndOmittedServicesGetOneReplica() throws IOException {
    DeploySpec spec =
        read("""
                name: k
                target: kubernetes
                services:
                  summarizer-agent:
                    replicas: 4
                    variables: {LLM_ENGINE: offline, BUDAI_LOG_FORMAT: text}
                variables: {BUDAI_LOG_FORMAT: json}
                secrets: {ADMIN_API_TOKEN: env, BUDAI_INTERNAL_TOKEN: env, DATABASE_URL: {from: env, var: PROD_DATABASE_URL}}
                """)
            .spec()
            .orElseThrow();
    var summarizer = ServiceCatalog.find("summarizer-agent").orElseThrow();
    assertThat(spec.service(summarizer).replicas()).isEqualTo(4);
    assertThat(spec.variablesOf(summarizer))
        .containsEntry("BUDAI_LOG_FORMAT", "text")
        .containsEntry("LLM_ENGINE", "offline");
    assertThat(spec.variablesOf(ServiceCatalog.GATEWAY))
        .containsExactly(java.util.Map.entry("BUDAI_LOG_FORMAT", "json"));
    assertThat(spec.service(ServiceCatalog.GATEWAY).replicas()).isEqualTo(1);
    assertThat(spec.secrets().get("DATABASE_URL").from()).isEqualTo("PROD_DATABASE_URL");
  }
}
