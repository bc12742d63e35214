/** Grounded answers: passage retrieval and the answer task of the LLM layer. */
@NullMarked
package io.budai.llm.answer;

import org.jspecify.annotations.NullMarked;
