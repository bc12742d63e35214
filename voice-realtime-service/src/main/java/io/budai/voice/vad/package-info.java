/** Voice-activity detection: an energy detector and the gate that marks frames as speech. */
@NullMarked
package io.budai.voice.vad;

import org.jspecify.annotations.NullMarked;
