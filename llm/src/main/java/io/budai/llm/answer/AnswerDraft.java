package io.budai.llm.answer;

import java.util.List;

/**
 * An answer and the ids of the passages it rests on.
 *
 * @param answer the answer text
 * @param citations ids of the passages used, every one of them among the given passages
 */
public record AnswerDraft(String answer, List<String> citations) {}
