/**
 * Bots: Vexa's {@code /bots} API (request, stop, reconfigure, status, list), meeting link
 * validation, concurrency quotas, and each bot's state in Redis with the {@code bot.*} events that
 * announce it.
 */
@NullMarked
package io.budai.botmanager.bots;

import org.jspecify.annotations.NullMarked;
