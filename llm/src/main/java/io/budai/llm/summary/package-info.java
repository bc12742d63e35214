/** Part of the agents' LLM layer. */
@NullMarked
package io.budai.llm.summary;

import org.jspecify.annotations.NullMarked;
