/**
 * The live transcript: Vexa's {@code /ws} protocol (subscribe, unsubscribe, ping; {@code
 * transcript.mutable}, {@code transcript.finalized} and {@code meeting.status} frames) fed by Redis
 * pub/sub channels {@code budai:live:meeting:{id}}, so any collector replica can serve any
 * subscriber.
 */
@NullMarked
package io.budai.collector.live;

import org.jspecify.annotations.NullMarked;
