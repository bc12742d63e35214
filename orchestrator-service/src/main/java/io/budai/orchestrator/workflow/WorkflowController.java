package io.budai.orchestrator.workflow;

import io.budai.orchestrator.workflow.StateMachine.IllegalTransitionException;
import io.budai.orchestrator.workflow.WorkflowEngine.WorkflowNotFoundException;
import io.budai.orchestrator.workflow.WorkflowViews.StepRunView;
import io.budai.orchestrator.workflow.WorkflowViews.WorkflowDetail;
import io.budai.orchestrator.workflow.WorkflowViews.WorkflowItem;
import io.budai.orchestrator.workflow.WorkflowViews.WorkflowPage;
import io.budai.platform.web.CallerIdentity;
import io.budai.platform.web.ProblemException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The workflow API: list, inspect, retry and cancel the caller's own workflows. A workflow of
 * another user answers 404, as one that does not exist.
 */
@RestController
@RequestMapping("/workflows")
class WorkflowController {

  static final int MAX_LIMIT = 200;

  /** How many of a user's newest workflows a filtered listing looks through at most. */
  static final int MAX_SCAN = 10_000;

  private final WorkflowStore store;
  private final WorkflowEngine engine;
  private final StateMachine machine;
  private final JsonMapper json;

  WorkflowController(
      WorkflowStore store, WorkflowEngine engine, StateMachine machine, JsonMapper json) {
    this.store = store;
    this.engine = engine;
    this.machine = machine;
    this.json = json;
  }

  @GetMapping
  WorkflowPage list(
      CallerIdentity caller,
      @RequestParam(required = false) @Nullable String status,
      @RequestParam(required = false) @Nullable String kind,
      @RequestParam(name = "meeting_id", required = false) @Nullable String meetingId,
      @RequestParam(defaultValue = "50") int limit,
      @RequestParam(defaultValue = "0") int offset) {
    String user = caller.requireUser();
    WorkflowStatus wantedStatus =
        status == null
            ? null
            : parse(status, "status", WorkflowStatus.fromWire(status), WorkflowStatus.values());
    WorkflowKind wantedKind =
        kind == null
            ? null
            : parse(kind, "kind", WorkflowKind.fromWire(kind), WorkflowKind.values());
    if (limit < 1 || limit > MAX_LIMIT) {
      throw badParameter("limit must be between 1 and " + MAX_LIMIT + ", not " + limit);
    }
    if (offset < 0) {
      throw badParameter("offset must not be negative, not " + offset);
    }
    List<WorkflowItem> page = new ArrayList<>();
    int skipped = 0;
    long cursor = 0;
    boolean hasMore = false;
    scan:
    while (cursor < MAX_SCAN) {
      List<String> ids = store.idsForUser(user, cursor, MAX_LIMIT);
      if (ids.isEmpty()) {
        break;
      }
      cursor += ids.size();
      for (Workflow wf : store.loadAll(ids)) {
        if ((wantedStatus != null && wf.status() != wantedStatus)
            || (wantedKind != null && wf.kind() != wantedKind)
            || (meetingId != null && !wf.meetingId().equals(meetingId))) {
          continue;
        }
        if (skipped < offset) {
          skipped++;
        } else if (page.size() < limit) {
          page.add(WorkflowItem.of(wf));
        } else {
          hasMore = true;
          break scan;
        }
      }
    }
    return new WorkflowPage(page, limit, offset, hasMore);
  }

  @GetMapping("/{id}")
  WorkflowDetail get(CallerIdentity caller, @PathVariable String id) {
    return detail(owned(caller, id));
  }

  @PostMapping("/{id}/retry")
  WorkflowDetail retry(CallerIdentity caller, @PathVariable String id) {
    owned(caller, id);
    return detail(guarded(id, () -> engine.retry(id)));
  }

  @PostMapping("/{id}/cancel")
  WorkflowDetail cancel(CallerIdentity caller, @PathVariable String id) {
    owned(caller, id);
    return detail(guarded(id, () -> engine.cancel(id)));
  }

  private Workflow owned(CallerIdentity caller, String id) {
    String user = caller.requireUser();
    return store.load(id).filter(wf -> user.equals(wf.userId())).orElseThrow(() -> notFound(id));
  }

  private static Workflow guarded(String id, Supplier<Workflow> action) {
    try {
      return action.get();
    } catch (IllegalTransitionException e) {
      throw new ProblemException(
          HttpStatus.CONFLICT,
          "workflow-state-conflict",
          "Not possible in this state",
          e.getMessage(),
          Map.of("status", e.workflow().status().wire()));
    } catch (WorkflowNotFoundException e) {
      throw notFound(id);
    }
  }

  private WorkflowDetail detail(Workflow wf) {
    Map<String, JsonNode> results = new LinkedHashMap<>();
    store.results(wf).forEach((name, value) -> results.put(name, json.readTree(value)));
    return new WorkflowDetail(
        wf.id(),
        wf.kind().wire(),
        wf.meetingId(),
        wf.status().wire(),
        wf.step().wire(),
        wf.attempt(),
        machine.maxAttempts(),
        wf.lastError(),
        wf.completedSteps().stream().map(Step::wire).toList(),
        wf.history().stream().map(StepRunView::of).toList(),
        results,
        wf.context(),
        wf.owner(),
        wf.version(),
        wf.createdAt(),
        wf.updatedAt(),
        wf.dueAt());
  }

  private static <T> T parse(String raw, String name, @Nullable T value, T[] allowed) {
    if (value == null) {
      throw badParameter(
          name
              + " must be one of "
              + java.util.Arrays.stream(allowed).map(a -> a.toString().toLowerCase()).toList()
              + ", not '"
              + raw
              + "'");
    }
    return value;
  }

  private static ProblemException badParameter(String detail) {
    return new ProblemException(
        HttpStatus.BAD_REQUEST, "invalid-parameter", "Invalid parameter", detail);
  }

  private static ProblemException notFound(String id) {
    return new ProblemException(
        HttpStatus.NOT_FOUND, "workflow-not-found", "No such workflow", "No workflow " + id + ".");
  }
}
