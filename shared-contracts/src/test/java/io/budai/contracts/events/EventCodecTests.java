package io.budai.contracts.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class EventCodecTests {

  private final EventCodec codec = new EventCodec();

  static Stream<EventTypes.EventType> catalogue() {
    return EventTypes.all().stream();
  }

  @Test
  void everyPermittedEventIsCataloguedWithASample() {
    assertThat(DomainEvent.class.getPermittedSubclasses())
        .allSatisfy(c -> assertThat(EventTypes.of(c.asSubclass(DomainEvent.class))).isNotNull());
    assertThat(EventTypes.all()).hasSize(DomainEvent.class.getPermittedSubclasses().length);
    assertThat(Samples.PAYLOADS.keySet())
        .containsExactlyInAnyOrder(
            Arrays.stream(DomainEvent.class.getPermittedSubclasses())
                .map(c -> c.asSubclass(DomainEvent.class))
                .toArray(Class[]::new));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("catalogue")
  void goldenJsonDecodesToTheSampleEvent(EventTypes.EventType type) throws IOException {
    String golden = golden(type);

    EventEnvelope<DomainEvent> decoded = codec.decodeOrThrow(golden);

    assertThat(decoded).isEqualTo(Samples.envelope(Samples.PAYLOADS.get(type.payloadClass())));
    assertThat(decoded.payload()).isInstanceOf(type.payloadClass());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("catalogue")
  void decodingWithTheEntryTypeGivesTheSameEnvelope(EventTypes.EventType type) throws IOException {
    String golden = golden(type);

    assertThat(codec.decode(type.type(), golden))
        .isEqualTo(new EventCodec.Event(codec.decodeOrThrow(golden)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("catalogue")
  void sampleEventEncodesToTheGoldenJson(EventTypes.EventType type) throws IOException {
    EventEnvelope<DomainEvent> sample = Samples.envelope(Samples.PAYLOADS.get(type.payloadClass()));

    JsonNode encoded = EventCodec.mapper().readTree(codec.encode(sample));

    assertThat(encoded).isEqualTo(EventCodec.mapper().readTree(golden(type)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("catalogue")
  void samplesSetEveryFieldSoGoldenFilesCoverTheWholeSchema(EventTypes.EventType type) {
    DomainEvent sample = Samples.PAYLOADS.get(type.payloadClass());
    for (RecordComponent component : type.payloadClass().getRecordComponents()) {
      try {
        assertThat(component.getAccessor().invoke(sample))
            .as("%s.%s", type.type(), component.getName())
            .isNotNull();
      } catch (ReflectiveOperationException e) {
        throw new AssertionError(e);
      }
    }
  }

  @Test
  void encodesSnakeCaseAndOmitsAbsentValues() {
    EventEnvelope<MeetingCompleted> envelope =
        EventEnvelope.create(
            new MeetingCompleted("m-1", null, java.time.Instant.EPOCH, 12, 3, null),
            "collector",
            null,
            null,
            null);

    String json = codec.encode(envelope);

    assertThat(json)
        .contains("\"occurred_at\":", "\"correlation_id\":\"" + envelope.id() + "\"")
        .contains("\"duration_s\":12.0", "\"segment_count\":3")
        .doesNotContain("user_id", "slack_channel_id", "causation_id", "ordering_key");
    assertThat(codec.decodeAs(json, MeetingCompleted.class)).isEqualTo(envelope);
  }

  @Test
  void fillsAMissingCorrelationIdWithTheEventIdOnEitherPath() {
    String json =
        """
        {"id":"e-9","type":"apikey.revoked","version":1,"occurred_at":"2025-01-01T00:00:00Z",
         "source":"admin-service","payload":{"token_hash":"h"}}""";

    assertThat(codec.decode("apikey.revoked", json))
        .isEqualTo(codec.decode(null, json))
        .isInstanceOfSatisfying(
            EventCodec.Event.class, e -> assertThat(e.envelope().correlationId()).isEqualTo("e-9"));
  }

  @Test
  void anEnvelopeWithoutAVersionIsVersionOne() {
    String json =
        """
        {"id":"e-8","type":"apikey.revoked","occurred_at":"2025-01-01T00:00:00Z",
         "source":"admin-service","payload":{"token_hash":"h"}}""";

    assertThat(codec.decode("apikey.revoked", json))
        .isInstanceOfSatisfying(
            EventCodec.Event.class, e -> assertThat(e.envelope().version()).isEqualTo(1));
  }

  @Test
  void ignoresUnknownFieldsInEnvelopeAndPayload() throws IOException {
    ObjectNode tree =
        (ObjectNode) EventCodec.mapper().readTree(golden(EventTypes.of(ApiKeyRevoked.class)));
    tree.put("added_in_a_later_release", true);
    ((ObjectNode) tree.get("payload")).put("revoked_by", "admin");

    EventCodec.Decoded decoded = codec.decode(EventTypes.APIKEY_REVOKED, tree.toString());

    assertThat(decoded).isInstanceOf(EventCodec.Event.class);
    assertThat(((EventCodec.Event) decoded).envelope().payload())
        .isEqualTo(Samples.PAYLOADS.get(ApiKeyRevoked.class));
  }

  @Test
  void reportsAnUnknownTypeWithoutThrowing() {
    String json =
        """
        {"id":"e-1","type":"meeting.teleported","version":1,"occurred_at":"2025-01-01T00:00:00Z",
         "source":"future-service","payload":{"where":"moon"}}""";

    assertThat(codec.decode("meeting.teleported", json))
        .isEqualTo(new EventCodec.UnknownType("meeting.teleported", 1, "e-1"));
  }

  @Test
  void reportsAnUnknownVersionOfAKnownTypeWithoutThrowing() {
    String json =
        """
        {"id":"e-2","type":"apikey.revoked","version":9,"occurred_at":"2025-01-01T00:00:00Z",
         "source":"admin-service","payload":{"token_hash":"x"}}""";

    assertThat(codec.decode(null, json))
        .isEqualTo(new EventCodec.UnknownType("apikey.revoked", 9, "e-2"));
  }

  @Test
  void reportsMalformedInputWithAClearError() {
    assertThat(codec.decode("apikey.revoked", "{not json"))
        .isInstanceOfSatisfying(
            EventCodec.Malformed.class, m -> assertThat(m.error()).startsWith("Invalid JSON"));
    assertThat(codec.decode("apikey.revoked", null))
        .isInstanceOfSatisfying(
            EventCodec.Malformed.class, m -> assertThat(m.error()).contains("no 'event'"));
    assertThat(codec.decode("apikey.revoked", "[1,2]"))
        .isInstanceOfSatisfying(
            EventCodec.Malformed.class, m -> assertThat(m.error()).contains("not a JSON object"));
    assertThat(codec.decode("apikey.revoked", "{\"id\":\"e\"}"))
        .isInstanceOfSatisfying(
            EventCodec.Malformed.class, m -> assertThat(m.error()).contains("no 'type'"));
    assertThat(
            codec.decode(
                "apikey.revoked",
                """
                {"id":"e","type":"apikey.revoked","version":1,"occurred_at":"2025-01-01T00:00:00Z",
                 "source":"s"}"""))
        .isInstanceOfSatisfying(
            EventCodec.Malformed.class, m -> assertThat(m.error()).contains("no 'payload'"));
    assertThat(
            codec.decode(
                "bot.status.changed",
                """
                {"id":"e","type":"bot.status.changed","version":1,"occurred_at":"yesterday",
                 "source":"s","payload":{"bot_id":"b","meeting_id":"m","status":"in_call"}}"""))
        .isInstanceOf(EventCodec.Malformed.class);
    assertThat(
            codec.decode(
                "bot.status.changed",
                """
                {"id":"e","type":"bot.status.changed","version":1,"occurred_at":"2025-01-01T00:00:00Z",
                 "source":"s","payload":{"bot_id":"b","meeting_id":"m","status":"teleported"}}"""))
        .isInstanceOfSatisfying(
            EventCodec.Malformed.class, m -> assertThat(m.error()).contains("schema"));
  }

  @Test
  void rejectsAnEntryWhoseTypeFieldDisagreesWithTheEnvelope() throws IOException {
    String json = golden(EventTypes.of(ApiKeyRevoked.class));

    assertThat(codec.decode(EventTypes.MEETING_COMPLETED, json))
        .isInstanceOfSatisfying(
            EventCodec.Malformed.class, m -> assertThat(m.error()).contains("differs"));
  }

  @Test
  void typedDecodeRejectsAnotherPayload() throws IOException {
    String json = golden(EventTypes.of(ApiKeyRevoked.class));

    assertThatThrownBy(() -> codec.decodeAs(json, MeetingCompleted.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("meeting.completed");
  }

  @Test
  void createdEnvelopesStartACorrelationChainAndCarryTheCatalogueVersion() {
    EventEnvelope<ApiKeyRevoked> first =
        EventEnvelope.create(new ApiKeyRevoked("h"), "admin-service", null, null, null);
    EventEnvelope<ApiKeyRevoked> second =
        EventEnvelope.create(new ApiKeyRevoked("h"), "admin-service", "corr", first.id(), "u-1");

    assertThat(first.correlationId()).isEqualTo(first.id());
    assertThat(first.version()).isEqualTo(1);
    assertThat(first.type()).isEqualTo("apikey.revoked");
    assertThat(second.id()).isGreaterThan(first.id());
    assertThat(second.correlationId()).isEqualTo("corr");
    assertThat(second.causationId()).isEqualTo(first.id());
  }

  static String golden(EventTypes.EventType type) throws IOException {
    try (InputStream in = EventCodecTests.class.getResourceAsStream(Samples.goldenPath(type))) {
      assertThat(in).as("golden file %s", Samples.goldenPath(type)).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
