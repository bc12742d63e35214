package io.budai.contracts.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FastInstantDeserializerTests {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2025-06-10T10:30:01Z",
        "2025-06-10T10:30:01.2Z",
        "2025-06-10T10:30:01.250Z",
        "2025-06-10T10:30:01.250123Z",
        "2025-06-10T10:30:01.250123456Z",
        "1970-01-01T00:00:00Z",
        "2024-02-29T23:59:59.999999999Z",
        "1969-12-31T23:59:59.5Z"
      })
  void readsWhatInstantParseReads(String text) {
    assertThat(FastInstantDeserializer.parse(text)).isEqualTo(Instant.parse(text));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2025-06-10T10:30:01+02:00",
        "2025-06-10 10:30:01Z",
        "2025-02-30T10:30:01Z",
        "2025-13-10T10:30:01Z",
        "2025-06-10T24:30:01Z",
        "2025-06-10T10:30:01.Z",
        "2025-06-10T10:30:01.1234567890Z",
        "+12025-06-10T10:30:01Z",
        "2025-06-1aT10:30:01Z"
      })
  void leavesEveryOtherShapeToTheStandardParser(String text) {
    assertThat(FastInstantDeserializer.parse(text)).isNull();
  }

  @Test
  void agreesWithTheStandardParserOnRandomInstants() {
    Random random = new Random(42);
    for (int i = 0; i < 10_000; i++) {
      Instant instant =
          Instant.ofEpochSecond(random.nextLong(0, 4_102_444_800L), random.nextInt(1_000_000_000));
      String text = instant.toString();
      assertThat(FastInstantDeserializer.parse(text)).as(text).isEqualTo(instant);
    }
  }

  @Test
  void theCodecStillAcceptsOffsetsThroughTheFallback() {
    String json =
        """
        {"id":"e","type":"apikey.revoked","version":1,"occurred_at":"2025-01-01T02:00:00+02:00",
         "source":"s","payload":{"token_hash":"h"}}""";

    assertThat(new EventCodec().decodeOrThrow(json).occurredAt())
        .isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
  }
}
