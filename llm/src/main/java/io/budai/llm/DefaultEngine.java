package io.budai.llm;

/** The engine a request gets when it names none. */
public record DefaultEngine(EngineChoice choice) {}
