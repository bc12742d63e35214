package io.budai.admin.plans;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * A plan's limits for one model identifier ({@code *} = every model without a row of its own); a
 * null limit means none in that dimension.
 */
public record ModelLimit(
    @NotBlank @Size(max = 100) String model,
    @Nullable @Min(0) Integer maxConcurrentBots,
    @Nullable @Min(0) Integer monthlyTranscriptionMinutes,
    @Nullable @Min(0) Long monthlyLlmTokens) {

  /** Model identifier of the row that applies to every model without its own. */
  public static final String ANY_MODEL = "*";
}
