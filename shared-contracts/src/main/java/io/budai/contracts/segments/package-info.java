/**
 * Messages of the {@code budai:segments} stream: transcription sessions and their segments, the
 * high-volume path from bots and voice ingest to the transcription collector.
 */
@NullMarked
package io.budai.contracts.segments;

import org.jspecify.annotations.NullMarked;
