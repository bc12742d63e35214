package io.budai.contracts.dto;

import java.util.List;

/** An answer grounded in transcript passages: the response of {@code /meetings/{id}/ask}. */
public record Answer(String answer, List<Citation> citations, String engine, String model) {}
