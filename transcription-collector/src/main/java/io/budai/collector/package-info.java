/** transcription-collector: The meeting record: meetings, sessions, segments. */
@NullMarked
package io.budai.collector;

import org.jspecify.annotations.NullMarked;
