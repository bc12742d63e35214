package io.budai.summarizer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** summarizer-agent: Structured meeting summaries. */
@SpringBootApplication
public class SummarizerAgentApplication {

  public static void main(String[] args) {
    SpringApplication.run(SummarizerAgentApplication.class, args);
  }
}
