package io.budai.followup;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.scheduling.annotation.EnableScheduling;

/** followup-agent: Follow-up drafts, email delivery and reminders. */
@SpringBootApplication
@EnableScheduling
@EnableConfigurationProperties(FollowupProperties.class)
public class FollowupAgentApplication {

  public static void main(String[] args) {
    SpringApplication.run(FollowupAgentApplication.class, args);
  }
}
