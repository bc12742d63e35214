package io.budai.followup;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** followup-agent: Follow-up drafts, email delivery and reminders. */
@SpringBootApplication
public class FollowupAgentApplication {

  public static void main(String[] args) {
    SpringApplication.run(FollowupAgentApplication.class, args);
  }
}
