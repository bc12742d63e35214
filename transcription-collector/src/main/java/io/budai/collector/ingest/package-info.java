/**
 * Segment ingest and persistence (Vexa v0.10 semantics): {@code budai:segments} entries land in the
 * Redis hot store keyed by {@code segment_id} (drafts overwritten by their confirmed version), a
 * flusher moves segments that stopped changing into PostgreSQL with an upsert, deleting them from
 * Redis only after the commit, and the finalizer runs the final flush of a finished meeting before
 * {@code meeting.completed} goes out.
 */
@NullMarked
package io.budai.collector.ingest;

import org.jspecify.annotations.NullMarked;
