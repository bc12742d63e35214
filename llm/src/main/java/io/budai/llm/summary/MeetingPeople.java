package io.budai.llm.summary;

import java.util.List;
import java.util.Set;

/** The people of a transcript: its speakers and the people named in it. */
public final class MeetingPeople {

  private MeetingPeople() {}

  /** Speakers and introduced names, in order of appearance. */
  public static Set<String> of(List<Turn> turns) {
    return new MeetingText(turns).people();
  }
}
