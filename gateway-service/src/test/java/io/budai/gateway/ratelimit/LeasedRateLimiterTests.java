package io.budai.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.budai.test.TestRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The shared GCRA limit spent through replica-local leases, against a real Redis: exactness at
 * small limits, few Redis calls for a busy key, never more than the limit across replicas, unused
 * requests handed back, remembered refusals, one reservation for concurrent requests.
 */
class LeasedRateLimiterTests {

  static LettuceConnectionFactory factory;
  static ReactiveStringRedisTemplate redis;

  /** Counts the reservations that reach Redis. */
  static final class CountingRedisLimiter extends RedisRateLimiter {
    final AtomicInteger calls = new AtomicInteger();
    final List<Long> refunds = new ArrayList<>();

    CountingRedisLimiter() {
      super(redis);
    }

    @Override
    Mono<Grant> reserve(
        String rateClass, String subject, int requests, Duration period, long want, long refund) {
      calls.incrementAndGet();
      synchronized (refunds) {
        refunds.add(refund);
      }
      return super.reserve(rateClass, subject, requests, period, want, refund);
    }
  }

  final AtomicLong clock = new AtomicLong(1_000_000_000L);
  CountingRedisLimiter counting;
  String subject;

  @BeforeAll
  static void connect() {
    factory = TestRedis.connectionFactory();
    redis = new ReactiveStringRedisTemplate(factory);
  }

  @AfterAll
  static void close() {
    factory.destroy();
  }

  @BeforeEach
  void fresh() {
    counting = new CountingRedisLimiter();
    subject = "key:" + UUID.randomUUID();
  }

  LeasedRateLimiter limiter(RedisRateLimiter backend, double maxShare) {
    return new LeasedRateLimiter(
        backend, Duration.ofSeconds(1), Duration.ofMillis(50), maxShare, 1000, clock::get);
  }

  static LeasedRateLimiter.Decision take(
      LeasedRateLimiter limiter, String subject, int requests, Duration period) {
    LeasedRateLimiter.Decision local = limiter.tryLocally("user", subject);
    return local != null ? local : limiter.acquire("user", subject, requests, period).block();
  }

  @Test
  void aSmallLimitIsExactAndCountsDownEveryRequest() {
    LeasedRateLimiter limiter = limiter(counting, 0.05);
    for (int i = 1; i <= 5; i++) {
      LeasedRateLimiter.Decision decision = take(limiter, subject, 5, Duration.ofMinutes(1));
      assertThat(decision.allowed()).isTrue();
      assertThat(decision.remaining()).isEqualTo(5 - i);
    }
    LeasedRateLimiter.Decision refused = take(limiter, subject, 5, Duration.ofMinutes(1));
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.retryAfter()).isBetween(Duration.ofSeconds(11), Duration.ofSeconds(12));
    assertThat(refused.reset()).isBetween(Duration.ofSeconds(59), Duration.ofSeconds(60));
    // A lease of one request each time (5% of 5 rounds down to 1): every request asked Redis.
    assertThat(counting.calls).hasValue(6);
  }

  @Test
  void aRefusalIsRememberedLocallyUntilARequestIsAvailableAgain() {
    LeasedRateLimiter limiter = limiter(counting, 0.05);
    for (int i = 0; i < 3; i++) {
      assertThat(take(limiter, subject, 3, Duration.ofMinutes(1)).allowed()).isTrue();
    }
    assertThat(take(limiter, subject, 3, Duration.ofMinutes(1)).allowed()).isFalse();
    int calls = counting.calls.get();
    for (int i = 0; i < 1000; i++) {
      LeasedRateLimiter.Decision refused = limiter.tryLocally("user", subject);
      assertThat(refused).isNotNull();
      assertThat(refused.allowed()).isFalse();
    }
    assertThat(counting.calls).hasValue(calls);
    // Past the refusal's retry-after (on this replica's clock), Redis is asked again.
    clock.addAndGet(Duration.ofSeconds(21).toNanos());
    assertThat(limiter.tryLocally("user", subject)).isNull();
  }

  @Test
  void aBusyKeySpendsLeasesWithFewRedisCallsAndNeverMoreThanItsLimit() {
    LeasedRateLimiter limiter = limiter(counting, 0.05);
    int allowed = 0;
    for (int i = 0; i < 20_000; i++) {
      if (take(limiter, subject, 1_000_000, Duration.ofMinutes(1)).allowed()) {
        allowed++;
      }
    }
    assertThat(allowed).isEqualTo(20_000);
    // The lease doubles while it is spent within 50 ms (this clock stands still): 1, 2, 4, ...
    assertThat(counting.calls.get()).isLessThan(20);

    String small = "key:" + UUID.randomUUID();
    int smallAllowed = 0;
    for (int i = 0; i < 1_500; i++) {
      if (take(limiter, small, 1_000, Duration.ofHours(1)).allowed()) {
        smallAllowed++;
      }
    }
    assertThat(smallAllowed).isEqualTo(1_000);
  }

  @Test
  void replicasSharingRedisNeverLetMoreThanTheLimitThrough() {
    // Two replicas (two limiters, one Redis), hammering one key from several threads each.
    LeasedRateLimiter a = limiter(new RedisRateLimiter(redis), 0.05);
    LeasedRateLimiter b = limiter(new RedisRateLimiter(redis), 0.05);
    int limit = 2_000;
    Long allowed =
        Flux.range(0, 6_000)
            .parallel(8)
            .runOn(Schedulers.parallel())
            .flatMap(
                i ->
                    (i % 2 == 0 ? a : b)
                        .acquire("user", subject, limit, Duration.ofHours(1))
                        .filter(LeasedRateLimiter.Decision::allowed))
            .sequential()
            .count()
            .block();
    assertThat(allowed).isLessThanOrEqualTo(limit);
    // Each replica may still hold at most 5% of the limit in a lease it has not spent.
    assertThat(allowed).isGreaterThanOrEqualTo(limit - 2 * (limit / 20));
  }

  @Test
  void concurrentRequestsOfOneBucketShareOneReservation() {
    LeasedRateLimiter limiter = limiter(counting, 0.05);
    List<LeasedRateLimiter.Decision> decisions =
        Flux.range(0, 50)
            .flatMap(i -> limiter.acquire("user", subject, 100, Duration.ofMinutes(1)))
            .collectList()
            .block();
    assertThat(decisions).hasSize(50);
    assertThat(decisions.stream().filter(LeasedRateLimiter.Decision::allowed)).hasSize(50);
    // Without sharing, 50 requests would be 50 reservations; leases of 1, 2, 4 and 5 (5% of 100)
    // cover 50 requests in 13 reservations at most.
    assertThat(counting.calls.get()).isLessThanOrEqualTo(13);
  }

  @Test
  void anExpiredLeaseHandsItsUnusedRequestsBackToRedis() {
    LeasedRateLimiter limiter = limiter(counting, 0.5);
    // Spend quickly: the lease grows 1, 2, 4 (1 + 2 + 4 = 7 requests taken).
    for (int i = 0; i < 4; i++) {
      assertThat(take(limiter, subject, 100, Duration.ofHours(1)).allowed()).isTrue();
    }
    // Requests 1..4 used 3 reservations (1, 2, then 4 of which 1 is spent: 3 left in hand).
    assertThat(counting.calls).hasValue(3);
    LeasedRateLimiter.Decision inHand = take(limiter, subject, 100, Duration.ofHours(1));
    assertThat(inHand.remaining()).isEqualTo(100 - 5);

    clock.addAndGet(Duration.ofSeconds(2).toNanos()); // the lease expires with 2 requests unused
    LeasedRateLimiter.Decision after = take(limiter, subject, 100, Duration.ofHours(1));
    assertThat(after.allowed()).isTrue();
    assertThat(counting.refunds).last().isEqualTo(2L);
    // The 2 handed back are available again: 100 - 6 spent, nothing held back.
    assertThat(after.remaining()).isEqualTo(100 - 6);
  }

  @Test
  void aFailingRedisFailsTheAcquisitionAndTheNextRequestAsksAgain() {
    RedisRateLimiter failing =
        new RedisRateLimiter(redis) {
          @Override
          Mono<Grant> reserve(
              String rateClass,
              String subject,
              int requests,
              Duration period,
              long want,
              long refund) {
            counting.calls.incrementAndGet();
            return Mono.error(new IllegalStateException("Redis is down"));
          }
        };
    LeasedRateLimiter limiter = limiter(failing, 0.05);
    assertThatThrownBy(() -> limiter.acquire("user", subject, 10, Duration.ofMinutes(1)).block())
        .hasMessageContaining("Redis is down");
    assertThat(limiter.tryLocally("user", subject)).isNull();
    assertThatThrownBy(() -> limiter.acquire("user", subject, 10, Duration.ofMinutes(1)).block())
        .hasMessageContaining("Redis is down");
    assertThat(counting.calls).hasValue(2);
  }
}
