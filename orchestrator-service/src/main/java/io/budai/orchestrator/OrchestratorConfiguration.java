package io.budai.orchestrator;

import io.budai.orchestrator.calendar.CalendarPoller;
import io.budai.orchestrator.intake.WorkflowTriggers;
import io.budai.orchestrator.workflow.StateMachine;
import io.budai.orchestrator.workflow.StepHandler;
import io.budai.orchestrator.workflow.WorkflowEngine;
import io.budai.orchestrator.workflow.WorkflowMetrics;
import io.budai.orchestrator.workflow.WorkflowStore;
import io.budai.platform.bus.EventPublisher;
import io.budai.platform.bus.StateChangeWriter;
import io.budai.platform.config.BudaiProperties;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;

/** Wires the workflow engine, its store, its triggers and the calendar poller. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OrchestratorProperties.class)
class OrchestratorConfiguration {

  @Bean
  @ConditionalOnMissingBean
  Clock clock() {
    // workflows store times in epoch milliseconds; a millisecond clock keeps memory and Redis equal
    return Clock.tickMillis(java.time.ZoneOffset.UTC);
  }

  @Bean
  StateMachine workflowStateMachine(OrchestratorProperties properties) {
    OrchestratorProperties.Steps steps = properties.steps();
    return new StateMachine(
        steps.lease(),
        steps.maxAttempts(),
        properties.followupDelay(),
        steps.retryBackoff(),
        steps.maxRetryBackoff());
  }

  @Bean
  WorkflowStore workflowStore(
      StringRedisTemplate redis,
      StateChangeWriter writer,
      JsonMapper json,
      OrchestratorProperties properties) {
    return new WorkflowStore(redis, writer, json, properties.retention());
  }

  @Bean
  WorkflowMetrics workflowMetrics(MeterRegistry meters) {
    return new WorkflowMetrics(meters);
  }

  @Bean
  WorkflowEngine workflowEngine(
      WorkflowStore store,
      StateMachine machine,
      List<StepHandler> steps,
      Clock clock,
      WorkflowMetrics metrics,
      OrchestratorProperties properties,
      BudaiProperties platform,
      MeterRegistry meters) {
    OrchestratorProperties.Timers timers = properties.timers();
    WorkflowEngine engine =
        new WorkflowEngine(
            store,
            machine,
            steps,
            clock,
            metrics,
            replicaName(),
            timers.pollInterval(),
            timers.batch(),
            timers.claimLease(),
            platform.clients().openStateWait(),
            properties.steps().maxConcurrency());
    meters.gauge("budai.workflow.steps.running", engine, WorkflowEngine::inFlight);
    return engine;
  }

  @Bean
  WorkflowTriggers workflowTriggers(
      WorkflowEngine engine, WorkflowStore store, Clock clock, OrchestratorProperties properties) {
    return new WorkflowTriggers(engine, store, clock, properties.prepLeadTime());
  }

  @Bean
  @ConditionalOnExpression("!'${budai.orchestrator.calendar.token:}'.isBlank()")
  CalendarPoller calendarPoller(
      OrchestratorProperties properties,
      CircuitBreakerRegistry breakers,
      EventPublisher publisher,
      StringRedisTemplate redis,
      Clock clock) {
    return new CalendarPoller(
        properties.calendar(), breakers.circuitBreaker("google-calendar"), publisher, redis, clock);
  }

  /** {host}-{pid}-{random}: unique per replica, also for several contexts in one JVM (tests). */
  private static String replicaName() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      host = "localhost";
    }
    return host
        + "-"
        + ProcessHandle.current().pid()
        + "-"
        + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000));
  }
}
