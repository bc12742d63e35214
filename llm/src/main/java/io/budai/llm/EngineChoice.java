package io.budai.llm;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Which engine a caller asks for (DESIGN.md §5: {@code engine?: auto|llm|offline}). */
public enum EngineChoice {
  /** The configured LLM providers in order, then the offline engine if they all fail. */
  AUTO,
  /** Only the configured LLM providers; an error when none is configured or all fail. */
  LLM,
  /** Only the offline engine. */
  OFFLINE;

  /** Parses {@code auto|llm|offline} (case-insensitive); null or blank means {@code fallback}. */
  public static EngineChoice parse(@Nullable String value, EngineChoice fallback) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "engine must be one of auto, llm, offline (got '" + value + "')", e);
    }
  }
}
