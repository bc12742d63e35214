package io.budai.voice;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** voice-realtime-service: Live audio ingest, speech-to-text and realtime session tokens. */
@SpringBootApplication
public class VoiceRealtimeServiceApplication {

  public static void main(String[] args) {
    SpringApplication.run(VoiceRealtimeServiceApplication.class, args);
  }
}
