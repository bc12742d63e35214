/**
 * The event bus on Redis Streams (DESIGN.md §2): {@link io.budai.platform.bus.EventPublisher},
 * {@link io.budai.platform.bus.EventHandler}, {@link io.budai.platform.bus.StateChangeWriter}.
 * Everything else here is internal.
 */
@NullMarked
package io.budai.platform.bus;

import org.jspecify.annotations.NullMarked;
