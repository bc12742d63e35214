/** Transcript output to {@code budai:segments}, and {@code /ws/segments} for ready-made text. */
@NullMarked
package io.budai.voice.segments;

import org.jspecify.annotations.NullMarked;
