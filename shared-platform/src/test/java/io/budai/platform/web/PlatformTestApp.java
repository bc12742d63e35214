package io.budai.platform.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import java.util.Map;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** A minimal service on shared-platform, for testing what every service inherits. */
@SpringBootApplication
class PlatformTestApp {

  record Greeting(@NotBlank String name, @Positive int times) {}

  @RestController
  static class Endpoints {

    @GetMapping("/internal/whoami")
    Map<String, Object> whoami(CallerIdentity caller) {
      return Map.of(
          "user_id", caller.userId() == null ? "" : caller.userId(), "scopes", caller.scopes());
    }

    @GetMapping("/me")
    Map<String, String> me(CallerIdentity caller) {
      return Map.of("user_id", caller.requireUser());
    }

    @PostMapping("/greetings")
    Map<String, String> greet(@Valid @RequestBody Greeting greeting) {
      return Map.of("text", ("hello " + greeting.name() + " ").repeat(greeting.times()).trim());
    }

    @GetMapping("/teapots/{id}")
    Map<String, String> teapot(@PathVariable int id) {
      throw new ProblemException(
          HttpStatus.NOT_FOUND, "teapot-not-found", "No such teapot", "Teapot " + id + " is gone.");
    }

    @GetMapping("/boom")
    Map<String, String> boom() {
      throw new IllegalStateException("secret internals that must not leak");
    }
  }
}
