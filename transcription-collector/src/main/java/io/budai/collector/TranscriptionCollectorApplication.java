package io.budai.collector;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** transcription-collector: The meeting record: meetings, sessions, segments. */
@SpringBootApplication
public class TranscriptionCollectorApplication {

  public static void main(String[] args) {
    SpringApplication.run(TranscriptionCollectorApplication.class, args);
  }
}
