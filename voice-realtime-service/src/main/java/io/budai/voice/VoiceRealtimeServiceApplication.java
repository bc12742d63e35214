package io.budai.voice;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** voice-realtime-service: Live audio ingest, speech-to-text and realtime session tokens. */
@SpringBootApplication
@org.springframework.scheduling.annotation.EnableScheduling
@EnableConfigurationProperties(VoiceProperties.class)
public class VoiceRealtimeServiceApplication {

  public static void main(String[] args) {
    SpringApplication.run(VoiceRealtimeServiceApplication.class, args);
  }
}
