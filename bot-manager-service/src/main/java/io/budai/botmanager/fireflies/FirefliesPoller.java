package io.budai.botmanager.fireflies;

import io.budai.botmanager.BotManagerProperties;
import io.budai.platform.web.ProblemException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Imports new Fireflies transcripts for {@code FIREFLIES_USER_ID} every {@code
 * FIREFLIES_POLL_INTERVAL}: pages of {@code transcripts} (newest first, {@code limit}/{@code skip},
 * {@code fromDate} = now − {@code FIREFLIES_POLL_LOOKBACK}) until a short page or {@code
 * FIREFLIES_POLL_MAX_PAGES}; a transcript already recorded as imported, or still live, is skipped.
 * Off unless the key and the user are set (and the interval is not 0). Several replicas may poll:
 * the import's lease and record make each transcript one meeting.
 */
@Component
public class FirefliesPoller implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(FirefliesPoller.class);

  private final FirefliesClient fireflies;
  private final FirefliesImporter importer;
  private final BotManagerProperties.Fireflies settings;
  private final Clock clock;
  private @Nullable ScheduledExecutorService scheduler;

  FirefliesPoller(
      FirefliesClient fireflies,
      FirefliesImporter importer,
      BotManagerProperties properties,
      Clock clock) {
    this.fireflies = fireflies;
    this.importer = importer;
    this.settings = properties.fireflies();
    this.clock = clock;
  }

  /** One poll now (the schedule calls it too); the number of transcripts it imported. */
  public int poll() {
    if (!settings.configured()) {
      return 0;
    }
    String user = settings.userId();
    Instant from = clock.instant().minus(settings.pollLookback());
    int imported = 0;
    for (int page = 0; page < Math.max(1, settings.maxPages()); page++) {
      List<FirefliesTranscript> transcripts =
          fireflies.transcripts(settings.pageSize(), page * settings.pageSize(), from);
      for (FirefliesTranscript transcript : transcripts) {
        if (transcript.live() || importer.isImported(user, transcript.id())) {
          continue;
        }
        try {
          if (importer.importTranscript(user, transcript.id()).created()) {
            imported++;
          }
        } catch (FirefliesClient.RateLimited e) {
          log.info("Fireflies rate limit reached; the next poll continues");
          return imported;
        } catch (ProblemException e) {
          log.warn(
              "Could not import Fireflies transcript {}: {}",
              transcript.id(),
              e.getBody().getDetail());
        }
      }
      if (transcripts.size() < settings.pageSize()) {
        break;
      }
    }
    return imported;
  }

  private void safePoll() {
    try {
      int imported = poll();
      if (imported > 0) {
        log.info("Imported {} new Fireflies transcripts", imported);
      }
    } catch (RuntimeException e) {
      log.warn("Polling Fireflies failed: {}", e.getMessage());
    }
  }

  @Override
  public void start() {
    if (!settings.configured() || settings.pollInterval().isZero()) {
      log.info("Fireflies poller off (needs FIREFLIES_API_KEY, FIREFLIES_USER_ID and an interval)");
      scheduler = null;
      return;
    }
    ScheduledExecutorService executor =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("fireflies-poller").daemon().factory());
    executor.scheduleWithFixedDelay(
        this::safePoll, 0, settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
    scheduler = executor;
  }

  @Override
  public void stop() {
    if (scheduler != null) {
      scheduler.shutdownNow();
      scheduler = null;
    }
  }

  @Override
  public boolean isRunning() {
    return scheduler != null;
  }
}
