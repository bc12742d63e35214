package io.budai.deploy.target;

import java.util.ArrayList;
import java.util.List;

/** What checking a target's environment found: problems stop a deploy, notes do not. */
public final class Checks {

  private final List<String> problems = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  public void problem(String text) {
    problems.add(text);
  }

  public void note(String text) {
    notes.add(text);
  }

  public List<String> problems() {
    return List.copyOf(problems);
  }

  public List<String> notes() {
    return List.copyOf(notes);
  }
}
