package io.budai.slack.config;

import io.budai.platform.web.CorrelationIds;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * Work that continues after Slack has been acknowledged (a command's downstream calls, App Home
 * publishing): one virtual thread per task, the request's correlation id carried along, failures
 * logged rather than lost, and in-flight tasks given time to finish on shutdown.
 */
public final class BackgroundTasks implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(BackgroundTasks.class);

  private final ExecutorService executor =
      Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("slack-task-", 0).factory());

  /** Runs {@code work} in the background; {@code what} names it in logs. */
  public void submit(String what, Runnable work) {
    String correlationId = CorrelationIds.acceptOrCreate(CorrelationIds.current());
    executor.execute(
        () ->
            CorrelationIds.runWith(
                correlationId,
                () -> {
                  try {
                    work.run();
                  } catch (RuntimeException e) {
                    log.error("Background task '{}' failed", what, e);
                  }
                }));
  }

  @Override
  public void destroy() throws InterruptedException {
    executor.shutdown();
    if (!executor.awaitTermination(15, TimeUnit.SECONDS)) {
      executor.shutdownNow();
    }
  }
}
