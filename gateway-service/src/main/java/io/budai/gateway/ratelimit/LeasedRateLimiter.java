package io.budai.gateway.ratelimit;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The limit every replica shares (GCRA in Redis, {@link RedisRateLimiter}) spent through
 * replica-local leases, so the hot path needs no Redis round trip.
 *
 * <p>A bucket (rate class + subject) reserves a lease of requests from Redis and spends it in
 * memory. The lease grows with the bucket's traffic: it starts at one request (every request is a
 * Redis call, exactly as without leases), doubles while a lease is spent within {@code
 * leaseTarget}, halves when it lasts much longer, and never exceeds {@code maxLeaseShare} of the
 * limit. Requests are only ever reserved when Redis has them, so all replicas together never let
 * more through than the limit; what a lease can cost is fairness between replicas (another replica
 * may be refused while this one still holds up to that share of the limit). A lease older than
 * {@code leaseTtl} is not spent any more; what was left of it is handed back to Redis with the next
 * reservation. A refusal is remembered until Redis said a request would be available again, so a
 * client hammering past its limit costs no Redis calls either. While a reservation is in flight,
 * other requests of the same bucket wait for it instead of asking Redis again.
 */
final class LeasedRateLimiter {

  /** The decision for one request. */
  record Decision(boolean allowed, long remaining, Duration retryAfter, Duration reset) {}

  private final RedisRateLimiter redis;
  private final long leaseTtlNanos;
  private final long leaseTargetNanos;
  private final double maxLeaseShare;
  private final int maxBuckets;
  private final LongSupplier nanoClock;
  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

  LeasedRateLimiter(
      RedisRateLimiter redis,
      Duration leaseTtl,
      Duration leaseTarget,
      double maxLeaseShare,
      int maxBuckets,
      LongSupplier nanoClock) {
    this.redis = redis;
    this.leaseTtlNanos = leaseTtl.toNanos();
    this.leaseTargetNanos = leaseTarget.toNanos();
    this.maxLeaseShare = maxLeaseShare;
    this.maxBuckets = maxBuckets;
    this.nanoClock = nanoClock;
  }

  /**
   * The decision when this replica can take it alone (a lease in hand, or a remembered refusal);
   * {@code null} when Redis must be asked ({@link #acquire}).
   */
  @Nullable Decision tryLocally(String rateClass, String subject) {
    Bucket bucket = buckets.get(rateClass + ":" + subject);
    if (bucket == null) {
      return null;
    }
    synchronized (bucket) {
      return bucket.tryLocal(nanoClock.getAsLong());
    }
  }

  Mono<Decision> acquire(String rateClass, String subject, int requests, Duration period) {
    String name = rateClass + ":" + subject;
    Bucket bucket = buckets.get(name);
    if (bucket == null) {
      if (buckets.size() >= maxBuckets) {
        buckets.clear(); // bounded: a flood of distinct subjects cannot grow the heap
      }
      bucket = buckets.computeIfAbsent(name, ignored -> new Bucket());
    }
    return acquire(bucket, rateClass, subject, requests, period);
  }

  private Mono<Decision> acquire(
      Bucket bucket, String rateClass, String subject, int requests, Duration period) {
    Mono<Void> refill;
    synchronized (bucket) {
      long now = nanoClock.getAsLong();
      Decision local = bucket.tryLocal(now);
      if (local != null) {
        return Mono.just(local);
      }
      if (bucket.inFlight == null) {
        long want = bucket.nextLeaseSize(now, leaseTargetNanos, maxLease(requests));
        long refund = bucket.takeLeftover();
        bucket.inFlight =
            redis
                .reserve(rateClass, subject, requests, period, want, refund)
                .switchIfEmpty(
                    Mono.error(
                        () -> new IllegalStateException("The rate limiter answered nothing")))
                .doOnNext(grant -> bucket.apply(grant, nanoClock.getAsLong(), leaseTtlNanos))
                // before the waiters hear of it: they look at the bucket again at once
                .doOnTerminate(bucket::settled)
                .then()
                .cache();
      }
      refill = bucket.inFlight;
    }
    return refill.then(Mono.defer(() -> acquire(bucket, rateClass, subject, requests, period)));
  }

  private long maxLease(int requests) {
    return Math.max(1, (long) (requests * maxLeaseShare));
  }

  /** One rate class + subject on this replica. Guarded by its own monitor. */
  private static final class Bucket {
    long permits;
    long leaseSize;
    long leaseStartedAt;
    long leaseExpiresAt;
    long remainingBeyondLease;
    long resetAt;
    boolean refused;
    long refusedUntil;
    @Nullable Mono<Void> inFlight;

    @Nullable Decision tryLocal(long now) {
      if (refused && now - refusedUntil < 0) {
        return new Decision(
            false, 0, Duration.ofNanos(refusedUntil - now), Duration.ofNanos(until(resetAt, now)));
      }
      if (permits > 0 && now - leaseExpiresAt < 0) {
        permits--;
        return new Decision(
            true,
            remainingBeyondLease + permits,
            Duration.ZERO,
            Duration.ofNanos(until(resetAt, now)));
      }
      return null;
    }

    /** Doubles a lease spent within the target time, halves one that lasted over four times it. */
    long nextLeaseSize(long now, long target, long max) {
      if (leaseSize == 0) {
        return 1;
      }
      long lasted = now - leaseStartedAt;
      long next = leaseSize;
      if (permits == 0 && lasted < target) {
        next = leaseSize * 2;
      } else if (lasted > 4 * target) {
        next = leaseSize / 2;
      }
      return Math.clamp(next, 1, max);
    }

    /** Requests reserved but not spent (an expired lease), to be handed back to Redis. */
    long takeLeftover() {
      long leftover = permits;
      permits = 0;
      return leftover;
    }

    synchronized void settled() {
      inFlight = null;
    }

    void apply(RedisRateLimiter.Grant grant, long now, long leaseTtl) {
      synchronized (this) {
        resetAt = now + grant.reset().toNanos();
        if (grant.granted() > 0) {
          refused = false;
          permits = grant.granted();
          leaseSize = grant.granted();
          leaseStartedAt = now;
          leaseExpiresAt = now + leaseTtl;
          remainingBeyondLease = grant.remaining();
        } else {
          refused = true;
          refusedUntil = now + Math.max(1, grant.retryAfter().toNanos());
        }
      }
    }

    private static long until(long at, long now) {
      return Math.max(0, at - now);
    }
  }
}
