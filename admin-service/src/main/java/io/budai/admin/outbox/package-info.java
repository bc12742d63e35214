/** Transactional outbox: events announcing admin-service's changes, relayed to the event bus. */
@NullMarked
package io.budai.admin.outbox;

import org.jspecify.annotations.NullMarked;
