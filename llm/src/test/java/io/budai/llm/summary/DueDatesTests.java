package io.budai.llm.summary;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class DueDatesTests {

  // Monday 5 January 2026
  static final LocalDate MEETING = LocalDate.of(2026, 1, 5);

  @Test
  void resolvesRelativeDeadlinesAgainstTheMeetingDate() {
    assertThat(DueDates.resolve("I'll send it by Friday", MEETING))
        .contains(LocalDate.of(2026, 1, 9));
    assertThat(DueDates.resolve("next Friday please", MEETING)).contains(LocalDate.of(2026, 1, 16));
    assertThat(DueDates.resolve("done by tomorrow", MEETING)).contains(LocalDate.of(2026, 1, 6));
    assertThat(DueDates.resolve("before the end of the week", MEETING))
        .contains(LocalDate.of(2026, 1, 9));
    assertThat(DueDates.resolve("sometime next week", MEETING)).contains(LocalDate.of(2026, 1, 12));
    assertThat(DueDates.resolve("in two weeks", MEETING)).contains(LocalDate.of(2026, 1, 19));
    assertThat(DueDates.resolve("by the 20th", MEETING)).contains(LocalDate.of(2026, 1, 20));
    assertThat(DueDates.resolve("by the 2nd", MEETING)).contains(LocalDate.of(2026, 2, 2));
    assertThat(DueDates.resolve("due March 3rd", MEETING)).contains(LocalDate.of(2026, 3, 3));
    assertThat(DueDates.resolve("on 2026-04-01", MEETING)).contains(LocalDate.of(2026, 4, 1));
    assertThat(DueDates.resolve("when we can", MEETING)).isEmpty();
  }
}
