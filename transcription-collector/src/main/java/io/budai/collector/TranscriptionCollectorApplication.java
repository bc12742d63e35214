package io.budai.collector;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** transcription-collector: The meeting record: meetings, sessions, segments. */
@SpringBootApplication
@EnableConfigurationProperties(CollectorProperties.class)
public class TranscriptionCollectorApplication {

  public static void main(String[] args) {
    SpringApplication.run(TranscriptionCollectorApplication.class, args);
  }

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
