package io.budai.orchestrator;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** orchestrator-service: Durable meeting and prep workflows. */
@SpringBootApplication
public class OrchestratorServiceApplication {

  public static void main(String[] args) {
    SpringApplication.run(OrchestratorServiceApplication.class, args);
  }
}
