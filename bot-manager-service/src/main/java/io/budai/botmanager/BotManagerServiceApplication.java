package io.budai.botmanager;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * bot-manager-service: meeting bot lifecycle, concurrency limits, simulated and Recall runtimes.
 */
@SpringBootApplication
@EnableConfigurationProperties(BotManagerProperties.class)
public class BotManagerServiceApplication {

  public static void main(String[] args) {
    SpringApplication.run(BotManagerServiceApplication.class, args);
  }

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
