/** OpenAI Realtime: ephemeral client secrets so a browser can transcribe without our key. */
@NullMarked
package io.budai.voice.realtime;

import org.jspecify.annotations.NullMarked;
