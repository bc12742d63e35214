package io.budai.communicator;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** communicator-agent: Conversations and Q&A over meetings. */
@SpringBootApplication
public class CommunicatorAgentApplication {

  public static void main(String[] args) {
    SpringApplication.run(CommunicatorAgentApplication.class, args);
  }
}
