/**
 * Domain events of the {@code budai:events} stream (DESIGN.md §3): one record per type and version
 * under the sealed {@link io.budai.contracts.events.DomainEvent}, the {@link
 * io.budai.contracts.events.EventEnvelope}, the catalogue {@link
 * io.budai.contracts.events.EventTypes} and the {@link io.budai.contracts.events.EventCodec}.
 */
@NullMarked
package io.budai.contracts.events;

import org.jspecify.annotations.NullMarked;
