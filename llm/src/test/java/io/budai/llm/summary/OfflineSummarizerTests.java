package io.budai.llm.summary;

import static org.assertj.core.api.Assertions.assertThat;

import io.budai.llm.bench.QmsumMeetings;
import io.budai.llm.bench.QmsumMeetings.Meeting;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OfflineSummarizerTests {

  final OfflineSummarizer summarizer = new OfflineSummarizer();

  @Test
  void summarizesEverySampleMeetingNamingOnlyRealPeopleAsOwners() {
    for (Meeting m : QmsumMeetings.load()) {
      Summary s =
          summarizer.summarize(new SummaryInput(null, "en", LocalDate.of(2026, 1, 5), m.turns()));
      Set<String> people = new HashSet<>(MeetingPeople.of(m.turns()));
      assertThat(s.overview()).as(m.id()).isNotBlank().doesNotContain("{", "}");
      assertThat(s.overview().split("\\s+").length).as(m.id()).isBetween(40, 260);
      assertThat(s.keyPoints()).as(m.id()).isNotEmpty();
      for (ActionItem item : s.actionItems()) {
        assertThat(item.owner()).as(m.id() + ": " + item).isIn(people);
        assertThat(item.confidence()).isBetween(0.0, 1.0);
      }
    }
  }

  @Test
  void writesTheOverviewInTheThirdPerson() {
    Meeting m = QmsumMeetings.load().get(0);
    Summary s =
        summarizer.summarize(
            new SummaryInput("Kick-off", "en", LocalDate.of(2026, 1, 5), m.turns()));
    assertThat(s.overview()).startsWith("The meeting \"Kick-off\" was about");
    assertThat(s.overview()).doesNotContainPattern("\\b(I|I'm|we|our)\\b");
  }

  @Test
  void extractsDecisionsActionItemsWithOwnersAndDueDatesAndRisks() {
    List<Turn> turns =
        List.of(
            Turn.of("Alice", "Hi, I'm Alice. Let's start with the budget for the new website."),
            Turn.of(
                "Bob",
                "The budget is tight, I'm worried the hosting costs exceed what we planned."),
            Turn.of("Alice", "Okay, so we decided to use the cheaper hosting plan from now on."),
            Turn.of("Bob", "Right. I'll send the updated cost estimate by Friday."),
            Turn.of("Alice", "Carol will review the design mockups next week."),
            Turn.of("Bob", "Sounds good, um, yeah."));
    Summary s =
        summarizer.summarize(new SummaryInput("Website", "en", LocalDate.of(2026, 1, 5), turns));

    assertThat(s.decisions())
        .anySatisfy(d -> assertThat(d).contains("decided to use the cheaper hosting plan"));
    assertThat(s.actionItems())
        .anySatisfy(
            a -> {
              assertThat(a.owner()).isEqualTo("Bob");
              assertThat(a.text()).startsWith("Send the updated cost estimate");
              assertThat(a.due()).isEqualTo("2026-01-09");
            });
    // Carol is neither a speaker nor introduced: she cannot be an owner
    assertThat(s.actionItems()).allSatisfy(a -> assertThat(a.owner()).isIn("Alice", "Bob"));
    assertThat(s.risks()).anySatisfy(r -> assertThat(r).contains("hosting costs exceed"));
  }

  @Test
  void anEmptyTranscriptGivesAnEmptySummary() {
    Summary s =
        summarizer.summarize(
            new SummaryInput(
                null, null, LocalDate.of(2026, 1, 5), List.of(Turn.of("A", "{vocalsound} um"))));
    assertThat(s.keyPoints()).isEmpty();
    assertThat(s.actionItems()).isEmpty();
  }
}
