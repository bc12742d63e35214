package io.budai.admin.usage;

import io.budai.contracts.events.EventEnvelope;
import io.budai.contracts.events.UsageRecorded;
import io.budai.platform.bus.EventHandler;
import org.springframework.stereotype.Component;

/** Counts {@code usage.recorded} events into the usage ledger, once per event id. */
@Component
class UsageEvents {

  private final UsageLedger ledger;

  UsageEvents(UsageLedger ledger) {
    this.ledger = ledger;
  }

  @EventHandler
  void on(EventEnvelope<UsageRecorded> event) {
    UsageRecorded usage = event.payload();
    String userId = usage.userId() != null ? usage.userId() : event.userId();
    ledger.record(
        event.id(), userId, usage.kind(), usage.amount(), usage.model(), event.occurredAt());
  }
}
