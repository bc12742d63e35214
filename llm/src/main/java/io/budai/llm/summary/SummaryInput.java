package io.budai.llm.summary;

import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a summary is made from.
 *
 * @param title the meeting's title, when known
 * @param language the transcript's language code, when known
 * @param meetingDate the day of the meeting: relative due dates ("by Friday") resolve against it
 * @param turns the transcript, in order
 */
public record SummaryInput(
    @Nullable String title, @Nullable String language, LocalDate meetingDate, List<Turn> turns) {}
