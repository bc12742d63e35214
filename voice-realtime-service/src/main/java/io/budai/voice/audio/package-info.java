/** {@code /ws/audio}: live PCM in, voice-activity detection, speech-to-text, segments out. */
@NullMarked
package io.budai.voice.audio;

import org.jspecify.annotations.NullMarked;
