/**
 * Transcript reads: Vexa's {@code TranscriptionResponse}, merged from PostgreSQL and the Redis hot
 * store by {@code segment_id}, with incremental reads ({@code ?since=} → {@code next_since}).
 */
@NullMarked
package io.budai.collector.transcript;

import org.jspecify.annotations.NullMarked;
