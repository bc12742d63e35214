package io.budai.admin.outbox;

import io.budai.contracts.events.DomainEvent;
import io.budai.contracts.events.EventCodec;
import io.budai.contracts.events.EventTypes;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The transactional outbox: {@link #add} writes an event into {@code event_outbox} inside the
 * caller's transaction, so the change and its announcement commit together; {@link OutboxRelay}
 * publishes it to the bus right after the commit (and retries until Redis takes it).
 */
@Component
public class EventOutbox {

  private final JdbcClient jdbc;
  private final OutboxRelay relay;

  EventOutbox(JdbcClient jdbc, OutboxRelay relay) {
    this.jdbc = jdbc;
    this.relay = relay;
  }

  /** Adds {@code event} (on behalf of {@code userId}) to the current transaction's outbox. */
  @Transactional(propagation = Propagation.MANDATORY)
  public void add(DomainEvent event, @Nullable String userId) {
    EventTypes.EventType type = EventTypes.of(event);
    jdbc.sql(
            "INSERT INTO event_outbox (type, version, payload, user_id)"
                + " VALUES (:type, :version, :payload, :user_id)")
        .param("type", type.type())
        .param("version", type.version())
        .param("payload", EventCodec.mapper().writeValueAsString(event))
        .param("user_id", userId)
        .update();
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCommit() {
            relay.soon();
          }
        });
  }
}
