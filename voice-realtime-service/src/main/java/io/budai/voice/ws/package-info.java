/**
 * What every WebSocket stream shares: handshake, authentication, close codes, registry, metrics.
 */
@NullMarked
package io.budai.voice.ws;

import org.jspecify.annotations.NullMarked;
