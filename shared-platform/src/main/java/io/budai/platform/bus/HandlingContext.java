package io.budai.platform.bus;

import io.budai.contracts.events.EventEnvelope;
import org.jspecify.annotations.Nullable;

/** The event whose handler runs on this thread, so what it publishes inherits its ids. */
final class HandlingContext {

  private static final ThreadLocal<EventEnvelope<?>> CURRENT = new ThreadLocal<>();

  private HandlingContext() {}

  static @Nullable EventEnvelope<?> current() {
    return CURRENT.get();
  }

  static void set(@Nullable EventEnvelope<?> envelope) {
    if (envelope == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(envelope);
    }
  }
}
