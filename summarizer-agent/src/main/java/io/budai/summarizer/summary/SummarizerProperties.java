package io.budai.summarizer.summary;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of {@code POST /summarize}, under {@code budai.summarizer.*}.
 *
 * @param maxTranscriptChars characters of transcript text above which a request gets 413
 * @param maxTurns turns above which a request gets 413
 */
@ConfigurationProperties("budai.summarizer")
record SummarizerProperties(
    @DefaultValue("2000000") int maxTranscriptChars, @DefaultValue("50000") int maxTurns) {}
