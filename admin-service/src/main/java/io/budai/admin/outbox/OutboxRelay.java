package io.budai.admin.outbox;

import io.budai.contracts.events.DomainEvent;
import io.budai.contracts.events.EventCodec;
import io.budai.contracts.events.EventTypes;
import io.budai.platform.bus.EventPublisher;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes outbox rows to the event bus, oldest first, and deletes them once Redis stored them.
 * Rows are locked with {@code FOR UPDATE SKIP LOCKED}, so replicas never relay the same row at
 * once; a crash between publish and delete re-publishes the row (at least once — consumers are
 * idempotent). Runs right after each commit that added rows, and every second for leftovers.
 */
@Component
class OutboxRelay implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
  private static final int BATCH = 100;

  private final JdbcClient jdbc;
  private final EventPublisher publisher;
  private final TransactionTemplate transactions;
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(Thread.ofVirtual().factory());
  private final AtomicBoolean scheduled = new AtomicBoolean();

  OutboxRelay(JdbcClient jdbc, EventPublisher publisher, TransactionTemplate transactions) {
    this.jdbc = jdbc;
    this.publisher = publisher;
    this.transactions = transactions;
  }

  /** Relays pending rows on the relay's own thread, as soon as possible. */
  void soon() {
    if (scheduled.compareAndSet(false, true)) {
      worker.execute(
          () -> {
            scheduled.set(false);
            relay();
          });
    }
  }

  @Scheduled(fixedDelayString = "${budai.admin.outbox.interval:1s}")
  void relay() {
    try {
      int relayed;
      do {
        Integer count = transactions.execute(status -> relayBatch());
        relayed = count == null ? 0 : count;
      } while (relayed == BATCH);
    } catch (RuntimeException e) {
      log.warn("Outbox relay paused, will retry: {}", e.toString());
    }
  }

  private record Row(long id, String type, int version, String payload, @Nullable String userId) {}

  private int relayBatch() {
    List<Row> rows =
        jdbc.sql(
                """
                SELECT id, type, version, payload, user_id FROM event_outbox
                ORDER BY id LIMIT :batch FOR UPDATE SKIP LOCKED""")
            .param("batch", BATCH)
            .query(
                (rs, n) ->
                    new Row(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getInt(3),
                        rs.getString(4),
                        rs.getString(5)))
            .list();
    int done = 0;
    for (Row row : rows) {
      Optional<EventTypes.EventType> type = EventTypes.find(row.type(), row.version());
      if (type.isEmpty()) {
        log.error(
            "Dropping outbox row {} of unknown type {} v{}", row.id(), row.type(), row.version());
      } else {
        DomainEvent event = EventCodec.mapper().readValue(row.payload(), type.get().payloadClass());
        publisher.publish(event, row.userId());
      }
      jdbc.sql("DELETE FROM event_outbox WHERE id = :id").param("id", row.id()).update();
      done++;
    }
    return done;
  }

  @Override
  public void destroy() {
    worker.shutdownNow();
  }
}
