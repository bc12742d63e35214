package io.budai.platform.bus;

import io.budai.contracts.BudaiStreams;
import io.budai.contracts.events.DomainEvent;
import io.budai.contracts.events.EventEnvelope;
import io.budai.contracts.events.EventTypes;
import io.budai.contracts.segments.SegmentMessage;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;

/**
 * One {@link EventHandler} method: what it handles ({@code type} null = every type of its stream)
 * and whether it takes the whole envelope.
 */
record HandlerMethod(
    Object bean,
    Method method,
    String stream,
    @Nullable String type,
    Class<?> payloadClass,
    boolean takesEnvelope) {

  /** Reads what {@code method} handles from its parameter, or fails start-up with why not. */
  @SuppressWarnings("unchecked")
  static HandlerMethod of(Object bean, Method method) {
    String where = method.getDeclaringClass().getSimpleName() + "." + method.getName();
    if (method.getParameterCount() != 1) {
      throw new IllegalStateException(
          "@EventHandler " + where + " must take exactly one parameter (the event or envelope)");
    }
    ResolvableType parameter = ResolvableType.forMethodParameter(new MethodParameter(method, 0));
    Class<?> raw = parameter.resolve(Object.class);
    if (raw == EventEnvelope.class) {
      Class<?> payload = parameter.getGeneric(0).resolve(DomainEvent.class);
      return forEvents(bean, method, (Class<? extends DomainEvent>) payload, true);
    }
    if (DomainEvent.class.isAssignableFrom(raw)) {
      return forEvents(bean, method, (Class<? extends DomainEvent>) raw, false);
    }
    if (SegmentMessage.class.isAssignableFrom(raw)) {
      return new HandlerMethod(
          bean,
          method,
          BudaiStreams.SEGMENTS,
          SegmentMessage.typeOf((Class<? extends SegmentMessage>) raw),
          raw,
          false);
    }
    throw new IllegalStateException(
        "@EventHandler "
            + where
            + " takes "
            + raw.getName()
            + ": expected a DomainEvent record, EventEnvelope<…> or a SegmentMessage");
  }

  private static HandlerMethod forEvents(
      Object bean, Method method, Class<? extends DomainEvent> payload, boolean envelope) {
    String type = payload == DomainEvent.class ? null : EventTypes.typeOf(payload);
    return new HandlerMethod(bean, method, BudaiStreams.EVENTS, type, payload, envelope);
  }

  /** Whether this handler takes an entry of {@code entryType} on its stream. */
  boolean accepts(String entryType) {
    return type == null || type.equals(entryType);
  }

  /** Calls the handler with an event envelope (events stream). */
  void invokeEvent(EventEnvelope<?> envelope) throws Exception {
    if (!payloadClass.isInstance(envelope.payload())) {
      // Another version of the type with another record: not this handler's.
      return;
    }
    invoke(takesEnvelope ? envelope : envelope.payload());
  }

  /** Calls the handler with a segment message. */
  void invokeSegment(SegmentMessage message) throws Exception {
    if (payloadClass.isInstance(message)) {
      invoke(message);
    }
  }

  private void invoke(Object argument) throws Exception {
    try {
      method.invoke(bean, argument);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw e;
    }
  }

  String describe() {
    return method.getDeclaringClass().getSimpleName() + "." + method.getName();
  }
}
