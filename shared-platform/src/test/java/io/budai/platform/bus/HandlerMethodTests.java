package io.budai.platform.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.budai.contracts.BudaiStreams;
import io.budai.contracts.events.DomainEvent;
import io.budai.contracts.events.EventEnvelope;
import io.budai.contracts.events.MeetingCompleted;
import io.budai.contracts.segments.SegmentMessage;
import io.budai.contracts.segments.Transcription;
import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.Test;

class HandlerMethodTests {

  @SuppressWarnings("unused")
  static class Handlers {
    void payload(MeetingCompleted e) {}

    void envelope(EventEnvelope<MeetingCompleted> e) {}

    void everything(DomainEvent e) {}

    void everyEnvelope(EventEnvelope<DomainEvent> e) {}

    void transcription(Transcription t) {}

    void segments(SegmentMessage m) {}

    void twoParameters(MeetingCompleted a, MeetingCompleted b) {}

    void notAnEvent(String text) {}

    void failing(MeetingCompleted e) throws Exception {
      throw new java.io.IOException("disk full");
    }
  }

  private static HandlerMethod of(String name) {
    Method method =
        List.of(Handlers.class.getDeclaredMethods()).stream()
            .filter(m -> m.getName().equals(name))
            .findFirst()
            .orElseThrow();
    return HandlerMethod.of(new Handlers(), method);
  }

  @Test
  void readsStreamAndTypeFromTheParameter() {
    assertThat(of("payload"))
        .returns(BudaiStreams.EVENTS, HandlerMethod::stream)
        .returns("meeting.completed", HandlerMethod::type)
        .returns(false, HandlerMethod::takesEnvelope);
    assertThat(of("envelope"))
        .returns("meeting.completed", HandlerMethod::type)
        .returns(true, HandlerMethod::takesEnvelope);
    assertThat(of("everything").type()).isNull();
    assertThat(of("everything").accepts("apikey.revoked")).isTrue();
    assertThat(of("everyEnvelope").type()).isNull();
    assertThat(of("transcription"))
        .returns(BudaiStreams.SEGMENTS, HandlerMethod::stream)
        .returns("transcription", HandlerMethod::type);
    assertThat(of("segments").type()).isNull();
    assertThat(of("payload").accepts("meeting.started")).isFalse();
  }

  @Test
  void failsStartUpWithAClearMessageForAnUnusableSignature() {
    assertThatThrownBy(() -> of("twoParameters"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Handlers.twoParameters must take exactly one parameter");
    assertThatThrownBy(() -> of("notAnEvent"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("java.lang.String")
        .hasMessageContaining("expected a DomainEvent record");
  }

  @Test
  void rethrowsWhatTheHandlerThrew() {
    EventEnvelope<MeetingCompleted> envelope =
        EventEnvelope.create(
            new MeetingCompleted("m", null, java.time.Instant.EPOCH, 1, 1, null),
            "test",
            null,
            null,
            null);

    assertThatThrownBy(() -> of("failing").invokeEvent(envelope))
        .isInstanceOf(java.io.IOException.class)
        .hasMessage("disk full");
  }
}
