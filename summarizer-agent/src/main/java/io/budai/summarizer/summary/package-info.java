/** {@code POST /summarize}: structured summaries through the LLM layer. */
@NullMarked
package io.budai.summarizer.summary;

import org.jspecify.annotations.NullMarked;
