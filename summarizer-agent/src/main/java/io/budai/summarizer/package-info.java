/** summarizer-agent: Structured meeting summaries. */
@NullMarked
package io.budai.summarizer;

import org.jspecify.annotations.NullMarked;
