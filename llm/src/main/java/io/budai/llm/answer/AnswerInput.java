package io.budai.llm.answer;

import java.util.List;

/**
 * A question with the passages an answer may use.
 *
 * @param question the question
 * @param context what the passages come from ("the meeting 'Weekly sync'")
 * @param passages retrieved passages, best first
 */
public record AnswerInput(String question, String context, List<Passage> passages) {}
