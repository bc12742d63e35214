/** The follow-up note task of the LLM layer. */
@NullMarked
package io.budai.llm.followup;

import org.jspecify.annotations.NullMarked;
