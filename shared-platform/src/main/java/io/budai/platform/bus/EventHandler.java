package io.budai.platform.bus;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a bean method that handles events from the bus. The parameter type says what it handles and
 * on which stream:
 *
 * <ul>
 *   <li>a payload record ({@code void on(MeetingCompleted e)}) or its envelope ({@code
 *       EventEnvelope<MeetingCompleted>}): that type on {@code budai:events};
 *   <li>{@code DomainEvent} or {@code EventEnvelope<DomainEvent>}: every known type on {@code
 *       budai:events};
 *   <li>a {@link io.budai.contracts.segments.SegmentMessage} subtype, or {@code SegmentMessage}
 *       itself for all three: the {@code budai:segments} stream.
 * </ul>
 *
 * <p>The service's consumer group ({@code spring.application.name}) reads the stream; delivery is
 * at least once, so a handler must be idempotent, but the bus already skips events its group has
 * processed. Throwing makes the bus redeliver the event later; after {@code
 * budai.bus.max-deliveries} failed deliveries it goes to the dead-letter stream. Events with the
 * same ordering key are handled one after the other, in order, within one consumer.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface EventHandler {}
