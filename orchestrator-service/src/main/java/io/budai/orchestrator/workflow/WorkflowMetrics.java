package io.budai.orchestrator.workflow;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The orchestrator's metrics.
 *
 * <ul>
 *   <li>{@code budai.workflows{kind,status}} — workflows by state, across replicas (from {@code
 *       budai:workflow:stats}, refreshed periodically)
 *   <li>{@code budai.workflow.transitions{kind,from,to}} — transitions this replica applied
 *   <li>{@code budai.workflow.step.duration{kind,step,outcome}} — step run times
 *   <li>{@code budai.workflow.step.retries{kind,step,reason}} — retries: error, circuit_open,
 *       takeover
 *   <li>{@code budai.workflow.timer.lag} — how late due timers were claimed
 *   <li>{@code budai.workflow.timers} — timers pending in {@code budai:timers}
 * </ul>
 */
public class WorkflowMetrics {

  private final MeterRegistry registry;
  private final MultiGauge byState;
  private final Timer timerLag;
  private final AtomicLong timers = new AtomicLong();

  public WorkflowMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.byState =
        MultiGauge.builder("budai.workflows")
            .description("Workflows by kind and status")
            .register(registry);
    this.timerLag =
        Timer.builder("budai.workflow.timer.lag")
            .description("How long after its due time a timer was claimed")
            .publishPercentileHistogram()
            .register(registry);
    registry.gauge("budai.workflow.timers", timers);
  }

  void transition(@Nullable Workflow from, Workflow to) {
    Counter.builder("budai.workflow.transitions")
        .tags(
            "kind", to.kind().wire(),
            "from", from == null ? "none" : from.status().wire(),
            "to", to.status().wire())
        .register(registry)
        .increment();
  }

  void stepDuration(Workflow wf, String outcome, Duration duration) {
    Timer.builder("budai.workflow.step.duration")
        .tags("kind", wf.kind().wire(), "step", wf.step().wire(), "outcome", outcome)
        .publishPercentileHistogram()
        .register(registry)
        .record(duration);
  }

  void retry(Workflow wf, String reason) {
    Counter.builder("budai.workflow.step.retries")
        .tags("kind", wf.kind().wire(), "step", wf.step().wire(), "reason", reason)
        .register(registry)
        .increment();
  }

  void timerLag(Duration lag) {
    timerLag.record(lag.isNegative() ? Duration.ZERO : lag);
  }

  /** Publishes the shared counts of {@code budai:workflow:stats} and the timer count. */
  public void refresh(Map<String, Long> stats, long timerCount) {
    List<MultiGauge.Row<?>> rows =
        stats.entrySet().stream()
            .filter(e -> e.getKey().contains(":"))
            .<MultiGauge.Row<?>>map(
                e -> {
                  String[] kindStatus = e.getKey().split(":", 2);
                  return MultiGauge.Row.of(
                      Tags.of("kind", kindStatus[0], "status", kindStatus[1]),
                      Math.max(0, e.getValue()));
                })
            .toList();
    byState.register(rows, true);
    timers.set(timerCount);
  }
}
