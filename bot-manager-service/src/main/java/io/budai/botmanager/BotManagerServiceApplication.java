package io.budai.botmanager;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** bot-manager-service: Meeting bot lifecycle and runtimes. */
@SpringBootApplication
public class BotManagerServiceApplication {

  public static void main(String[] args) {
    SpringApplication.run(BotManagerServiceApplication.class, args);
  }
}
