package io.budai.contracts.dto;

import org.jspecify.annotations.Nullable;

/** {@code POST /meetings/{id}/ask} (communicator-agent). */
public record AskRequest(@Nullable String question, @Nullable String engine) {}
