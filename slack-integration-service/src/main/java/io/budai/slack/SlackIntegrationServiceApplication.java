package io.budai.slack;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** slack-integration-service: The Slack app. */
@SpringBootApplication
public class SlackIntegrationServiceApplication {

  public static void main(String[] args) {
    SpringApplication.run(SlackIntegrationServiceApplication.class, args);
  }
}
