package io.budai.orchestrator.steps;

import io.budai.orchestrator.workflow.Step;
import io.budai.orchestrator.workflow.StepHandler;
import io.budai.orchestrator.workflow.Workflow;
import io.budai.orchestrator.workflow.WorkflowContext;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code brief}: the prep brief of an upcoming calendar meeting (title, time, attendees, agenda),
 * stored as the {@code brief} result for {@code deliver}.
 */
final class BriefStep implements StepHandler {

  static final String RESULT = "brief";

  private final JsonMapper json;

  BriefStep(JsonMapper json) {
    this.json = json;
  }

  @Override
  public Step step() {
    return Step.BRIEF;
  }

  @Override
  public Outcome run(Workflow wf, Results results) {
    WorkflowContext context = wf.context();
    String title = context.title() != null ? context.title() : "Upcoming meeting";
    SlackMessages.Message brief =
        SlackMessages.brief(title, context.startsAt(), context.attendees(), context.description());
    return new Outcome(null, Map.of(RESULT, json.writeValueAsString(brief)), List.of());
  }
}
