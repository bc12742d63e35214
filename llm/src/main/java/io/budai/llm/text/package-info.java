/** Part of the agents' LLM layer. */
@NullMarked
package io.budai.llm.text;

import org.jspecify.annotations.NullMarked;
