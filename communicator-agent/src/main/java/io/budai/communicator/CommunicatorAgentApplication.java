package io.budai.communicator;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** communicator-agent: Conversations and Q&A over meetings. */
@SpringBootApplication
@EnableConfigurationProperties(CommunicatorProperties.class)
public class CommunicatorAgentApplication {

  public static void main(String[] args) {
    SpringApplication.run(CommunicatorAgentApplication.class, args);
  }
}
