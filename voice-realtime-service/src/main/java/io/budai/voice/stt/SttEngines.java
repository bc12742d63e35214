package io.budai.voice.stt;

import io.budai.voice.VoiceProperties;
import io.budai.voice.stt.deepgram.DeepgramEngine;
import io.budai.voice.stt.openai.OpenAiTranscriptionEngine;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The configured engine. {@code auto} picks Deepgram when {@code DEEPGRAM_API_KEY} is set, else the
 * OpenAI-compatible engine when {@code STT_OPENAI_BASE_URL} or {@code STT_OPENAI_API_KEY} is set,
 * else none: audio streams are then refused, and text segments over {@code /ws/segments} remain the
 * offline way in.
 */
@Component
public class SttEngines implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(SttEngines.class);

  private final @Nullable SttEngine engine;

  SttEngines(VoiceProperties properties, JsonMapper json) {
    VoiceProperties.Stt stt = properties.stt();
    String choice = stt.engine().trim().toLowerCase(Locale.ROOT);
    this.engine =
        switch (choice) {
          case "auto" ->
              stt.deepgram().configured()
                  ? new DeepgramEngine(stt.deepgram(), json)
                  : stt.openai().configured() ? new OpenAiTranscriptionEngine(stt.openai()) : null;
          case "deepgram" -> {
            if (!stt.deepgram().configured()) {
              throw new IllegalStateException("STT_ENGINE=deepgram needs DEEPGRAM_API_KEY");
            }
            yield new DeepgramEngine(stt.deepgram(), json);
          }
          case "openai" -> new OpenAiTranscriptionEngine(stt.openai());
          case "none" -> null;
          default ->
              throw new IllegalStateException(
                  "STT_ENGINE must be auto, deepgram, openai or none, not " + stt.engine());
        };
    if (engine == null) {
      log.info("No speech-to-text engine configured: /ws/audio is closed, /ws/segments is open");
    } else {
      log.info("Speech-to-text engine: {} ({})", engine.name(), engine.model());
    }
  }

  /** The engine, or empty when none is configured. */
  public Optional<SttEngine> active() {
    return Optional.ofNullable(engine);
  }

  @Override
  public void destroy() throws Exception {
    if (engine instanceof AutoCloseable closeable) {
      closeable.close();
    }
  }
}
