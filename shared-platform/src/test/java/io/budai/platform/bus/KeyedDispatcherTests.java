package io.budai.platform.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KeyedDispatcherTests {

  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  @Test
  void runsTasksOfOneKeyInSubmissionOrderAndOthersAlongside() throws Exception {
    KeyedDispatcher dispatcher = new KeyedDispatcher(executor, 16);
    Map<String, List<Integer>> seen = new ConcurrentHashMap<>();
    for (int i = 0; i < 500; i++) {
      int n = i;
      String key = "k" + (i % 7);
      dispatcher.submit(
          key,
          () ->
              seen.computeIfAbsent(
                      key, k -> java.util.Collections.synchronizedList(new ArrayList<>()))
                  .add(n),
          () -> true);
    }

    assertThat(dispatcher.awaitIdle(10_000)).isTrue();
    assertThat(seen).hasSize(7);
    assertThat(seen.values().stream().mapToInt(List::size).sum()).isEqualTo(500);
    seen.values().forEach(list -> assertThat(list).isSorted());
  }

  @Test
  void neverRunsMoreThanTheLimitAndGivesUpWhenToldTo() throws Exception {
    KeyedDispatcher dispatcher = new KeyedDispatcher(executor, 3);
    CountDownLatch gate = new CountDownLatch(1);
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    Runnable blocked =
        () -> {
          most.accumulateAndGet(running.incrementAndGet(), Math::max);
          try {
            gate.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          running.decrementAndGet();
        };
    for (int i = 0; i < 3; i++) {
      assertThat(dispatcher.submit(null, blocked, () -> true)).isTrue();
    }

    boolean accepted = dispatcher.submit(null, blocked, () -> false);

    assertThat(accepted).isFalse();
    await().atMost(Duration.ofSeconds(5)).until(() -> running.get() == 3);
    assertThat(dispatcher.inFlight()).isEqualTo(3);
    assertThat(dispatcher.awaitIdle(50)).isFalse();
    gate.countDown();
    assertThat(dispatcher.awaitIdle(5_000)).isTrue();
    assertThat(most).hasValue(3);
  }
}
