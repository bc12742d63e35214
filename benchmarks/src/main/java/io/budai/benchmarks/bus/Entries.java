package io.budai.benchmarks.bus;

import io.budai.contracts.BudaiStreams;
import io.budai.contracts.events.EventCodec;
import io.budai.contracts.events.EventEnvelope;
import io.budai.contracts.events.MeetingCompleted;
import java.time.Instant;

/** The event the benchmarks publish: a {@code meeting.completed} of realistic size. */
final class Entries {

  static final EventCodec CODEC = new EventCodec();
  static final int KEYS = 100;

  private Entries() {}

  static MeetingCompleted event(long n) {
    return new MeetingCompleted(
        "m-" + (n % KEYS) + "-0190a6f2-1c3e-7a4b-8c5d",
        "u-0190a6f2-0000-7000-8000-000000000042",
        Instant.now(),
        1800.5,
        214,
        "C0123456789");
  }

  /** The fields of a bus entry for {@code envelope}, as the publisher writes them. */
  static Object[] fields(EventEnvelope<?> envelope) {
    return new Object[] {
      BudaiStreams.FIELD_TYPE, envelope.type(),
      BudaiStreams.FIELD_ID, envelope.id(),
      BudaiStreams.FIELD_KEY, envelope.orderingKey(),
      BudaiStreams.FIELD_EVENT, CODEC.encode(envelope)
    };
  }

  /** A fresh envelope of event {@code n}. */
  static EventEnvelope<MeetingCompleted> envelope(long n) {
    return EventEnvelope.create(event(n), "bench", null, null, "u-1");
  }
}
