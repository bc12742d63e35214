package io.budai.llm.summary;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.format.TextStyle;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a stated deadline in a sentence and resolves it against the meeting date: "by Friday" is
 * the first Friday after the meeting, "tomorrow", "end of the week", "next week", "in two weeks",
 * "by the 15th", "March 3", "2026-05-15".
 */
public final class DueDates {

  private static final String WEEKDAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday";
  private static final String MONTHS =
      "january|february|march|april|may|june|july|august|september|october|november|december|"
          + "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec";
  private static final Pattern ISO = Pattern.compile("\\b(\\d{4})-(\\d{2})-(\\d{2})\\b");
  private static final Pattern NEXT_WEEKDAY =
      Pattern.compile("(?i)\\b(next|this|by|on|before|until|till|due)\\s+(" + WEEKDAYS + ")\\b");
  private static final Pattern BARE_WEEKDAY = Pattern.compile("(?i)\\b(" + WEEKDAYS + ")\\b");
  private static final Pattern MONTH_DAY =
      Pattern.compile(
          "(?i)\\b("
              + MONTHS
              + ")\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b|\\b(\\d{1,2})(?:st|nd|rd|th)?"
              + "(?:\\s+of)?\\s+("
              + MONTHS
              + ")\\b");
  private static final Pattern DAY_OF_MONTH =
      Pattern.compile("(?i)\\b(?:by|on|before|until)\\s+the\\s+(\\d{1,2})(?:st|nd|rd|th)\\b");
  private static final Pattern IN_N =
      Pattern.compile(
          "(?i)\\bin\\s+(a|an|one|two|three|four|five|six|seven|\\d+)\\s+(day|week|month)s?\\b");
  private static final Pattern TOMORROW = Pattern.compile("(?i)\\btomorrow\\b");
  private static final Pattern TODAY =
      Pattern.compile("(?i)\\b(today|tonight|end of (the )?day|eod)\\b");
  private static final Pattern END_OF_WEEK =
      Pattern.compile("(?i)\\b(end of (the |this )?week|eow)\\b");
  private static final Pattern NEXT_WEEK = Pattern.compile("(?i)\\bnext week\\b");
  private static final Pattern END_OF_MONTH =
      Pattern.compile("(?i)\\bend of (the |this )?month\\b");

  private DueDates() {}

  /** The deadline stated in {@code sentence}, resolved against {@code meetingDate}. */
  public static Optional<LocalDate> resolve(String sentence, LocalDate meetingDate) {
    Matcher m = ISO.matcher(sentence);
    if (m.find()) {
      try {
        return Optional.of(LocalDate.parse(m.group()));
      } catch (RuntimeException ignored) {
        // not a real date; keep looking
      }
    }
    m = NEXT_WEEKDAY.matcher(sentence);
    if (m.find()) {
      DayOfWeek day = DayOfWeek.valueOf(m.group(2).toUpperCase(Locale.ROOT));
      LocalDate next = meetingDate.with(TemporalAdjusters.next(day));
      if (m.group(1).equalsIgnoreCase("next") && next.isBefore(meetingDate.plusDays(7))) {
        // "next Friday" said on a Monday means the Friday of next week
        LocalDate nextWeekMonday = meetingDate.with(TemporalAdjusters.next(DayOfWeek.MONDAY));
        if (next.isBefore(nextWeekMonday)) {
          next = next.plusWeeks(1);
        }
      }
      return Optional.of(next);
    }
    m = MONTH_DAY.matcher(sentence);
    if (m.find()) {
      String monthName = m.group(1) != null ? m.group(1) : m.group(4);
      String dayText = m.group(2) != null ? m.group(2) : m.group(3);
      Optional<Month> month = month(monthName);
      int day = Integer.parseInt(dayText);
      if (month.isPresent() && day >= 1 && day <= month.get().maxLength()) {
        LocalDate date =
            LocalDate.of(
                meetingDate.getYear(), month.get(), Math.min(day, month.get().length(false)));
        return Optional.of(date.isBefore(meetingDate) ? date.plusYears(1) : date);
      }
    }
    m = DAY_OF_MONTH.matcher(sentence);
    if (m.find()) {
      int day = Integer.parseInt(m.group(1));
      if (day >= 1 && day <= 31) {
        LocalDate date = meetingDate.withDayOfMonth(Math.min(day, meetingDate.lengthOfMonth()));
        if (date.isBefore(meetingDate)) {
          LocalDate nextMonth = meetingDate.plusMonths(1);
          date = nextMonth.withDayOfMonth(Math.min(day, nextMonth.lengthOfMonth()));
        }
        return Optional.of(date);
      }
    }
    if (TOMORROW.matcher(sentence).find()) {
      return Optional.of(meetingDate.plusDays(1));
    }
    if (TODAY.matcher(sentence).find()) {
      return Optional.of(meetingDate);
    }
    if (END_OF_WEEK.matcher(sentence).find()) {
      return Optional.of(meetingDate.with(TemporalAdjusters.nextOrSame(DayOfWeek.FRIDAY)));
    }
    if (NEXT_WEEK.matcher(sentence).find()) {
      return Optional.of(meetingDate.with(TemporalAdjusters.next(DayOfWeek.MONDAY)));
    }
    if (END_OF_MONTH.matcher(sentence).find()) {
      return Optional.of(meetingDate.with(TemporalAdjusters.lastDayOfMonth()));
    }
    m = IN_N.matcher(sentence);
    if (m.find()) {
      int n = number(m.group(1));
      return Optional.of(
          switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "day" -> meetingDate.plusDays(n);
            case "week" -> meetingDate.plusWeeks(n);
            default -> meetingDate.plusMonths(n);
          });
    }
    m = BARE_WEEKDAY.matcher(sentence);
    if (m.find()) {
      DayOfWeek day = DayOfWeek.valueOf(m.group(1).toUpperCase(Locale.ROOT));
      return Optional.of(meetingDate.with(TemporalAdjusters.next(day)));
    }
    return Optional.empty();
  }

  private static Optional<Month> month(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    for (Month month : Month.values()) {
      String full = month.getDisplayName(TextStyle.FULL, Locale.ENGLISH).toLowerCase(Locale.ROOT);
      if (full.equals(n) || full.startsWith(n) && n.length() >= 3) {
        return Optional.of(month);
      }
    }
    return Optional.empty();
  }

  private static int number(String word) {
    return switch (word.toLowerCase(Locale.ROOT)) {
      case "a", "an", "one" -> 1;
      case "two" -> 2;
      case "three" -> 3;
      case "four" -> 4;
      case "five" -> 5;
      case "six" -> 6;
      case "seven" -> 7;
      default -> Integer.parseInt(word);
    };
  }
}
