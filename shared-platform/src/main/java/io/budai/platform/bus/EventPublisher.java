package io.budai.platform.bus;

import io.budai.contracts.BudaiStreams;
import io.budai.contracts.events.DomainEvent;
import io.budai.contracts.events.EventCodec;
import io.budai.contracts.events.EventEnvelope;
import io.budai.contracts.segments.SegmentCodec;
import io.budai.contracts.segments.SegmentMessage;
import io.budai.platform.web.CorrelationIds;
import io.lettuce.core.XAddArgs;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Publishes domain events to {@code budai:events} and segment messages to {@code budai:segments}
 * ({@code XADD … MAXLEN ~ n * type … id … key … event …}).
 *
 * <p>Ids flow automatically: inside an {@link EventHandler} the published event inherits the
 * handled event's correlation id and user id, and its causation id is the handled event's id;
 * inside an HTTP request it takes the request's correlation id ({@code X-Correlation-Id}). A
 * publish returns once Redis has stored the entry; it throws {@link EventBusException} when Redis
 * cannot be reached within {@code budai.bus.publish-timeout}.
 */
public class EventPublisher {

  private final XaddPipeline pipeline;
  private final EventCodec codec;
  private final SegmentCodec segmentCodec;
  private final BusMetrics metrics;
  private final String source;
  private final XAddArgs eventArgs;
  private final XAddArgs segmentArgs;
  private final long timeoutMillis;

  EventPublisher(
      XaddPipeline pipeline,
      EventCodec codec,
      SegmentCodec segmentCodec,
      BusMetrics metrics,
      BusProperties properties,
      String source) {
    this.pipeline = pipeline;
    this.codec = codec;
    this.segmentCodec = segmentCodec;
    this.metrics = metrics;
    this.source = source;
    this.eventArgs =
        XAddArgs.Builder.maxlen(properties.streamMaxLength()).approximateTrimming(true);
    this.segmentArgs =
        XAddArgs.Builder.maxlen(properties.segmentsMaxLength()).approximateTrimming(true);
    this.timeoutMillis = properties.publishTimeout().toMillis();
  }

  /** Publishes {@code event}; its user id is inherited from the event being handled, if any. */
  public <E extends DomainEvent> EventEnvelope<E> publish(E event) {
    return publish(event, null);
  }

  /** Publishes {@code event} on behalf of {@code userId}. */
  public <E extends DomainEvent> EventEnvelope<E> publish(E event, @Nullable String userId) {
    EventEnvelope<E> envelope = envelope(event, userId);
    BusRedis.await(send(envelope), timeoutMillis, "Publishing " + envelope.type());
    return envelope;
  }

  /**
   * Publishes without waiting: the future completes when Redis stored the entry. Lets a producer
   * with many events pipeline them.
   */
  public <E extends DomainEvent> CompletableFuture<EventEnvelope<E>> publishAsync(
      E event, @Nullable String userId) {
    EventEnvelope<E> envelope = envelope(event, userId);
    return send(envelope).thenApply(id -> envelope);
  }

  /** Publishes a transcript session message to {@code budai:segments}. */
  public void publishSegment(SegmentMessage message) {
    BusRedis.await(
        publishSegmentAsync(message), timeoutMillis, "Publishing segment " + message.type());
  }

  /** Publishes a segment message without waiting. */
  public CompletableFuture<String> publishSegmentAsync(SegmentMessage message) {
    String json = segmentCodec.encode(message);
    CompletableFuture<String> sent =
        pipeline.xadd(
            BudaiStreams.SEGMENTS,
            segmentArgs,
            new Object[] {
              BudaiStreams.FIELD_TYPE,
              message.type(),
              BudaiStreams.FIELD_KEY,
              message.orderingKey(),
              BudaiStreams.FIELD_EVENT,
              json
            });
    return sent.whenComplete(
        (id, error) -> {
          if (error == null) {
            metrics.published(BudaiStreams.SEGMENTS, message.type());
          }
        });
  }

  /** A new envelope for {@code event} with the ids of the current handling or request. */
  <E extends DomainEvent> EventEnvelope<E> envelope(E event, @Nullable String userId) {
    EventEnvelope<?> handling = HandlingContext.current();
    String correlationId = handling != null ? handling.correlationId() : CorrelationIds.current();
    String causationId = handling != null ? handling.id() : null;
    String user = userId != null ? userId : handling != null ? handling.userId() : null;
    return EventEnvelope.create(event, source, correlationId, causationId, user);
  }

  String source() {
    return source;
  }

  private CompletableFuture<String> send(EventEnvelope<?> envelope) {
    String json = codec.encode(envelope);
    String key = envelope.orderingKey();
    Object[] fields =
        key == null
            ? new Object[] {
              BudaiStreams.FIELD_TYPE, envelope.type(),
              BudaiStreams.FIELD_ID, envelope.id(),
              BudaiStreams.FIELD_EVENT, json
            }
            : new Object[] {
              BudaiStreams.FIELD_TYPE,
              envelope.type(),
              BudaiStreams.FIELD_ID,
              envelope.id(),
              BudaiStreams.FIELD_KEY,
              key,
              BudaiStreams.FIELD_EVENT,
              json
            };
    return pipeline
        .xadd(BudaiStreams.EVENTS, eventArgs, fields)
        .whenComplete(
            (id, error) -> {
              if (error == null) {
                metrics.published(BudaiStreams.EVENTS, envelope.type());
              }
            });
  }
}
