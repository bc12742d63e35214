package io.budai.contracts;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Time-ordered UUIDs (RFC 9562 version 7): 48 bits of Unix milliseconds, then random bits. Ids
 * created later in one process sort after earlier ones, which keeps logs and dead letters readable.
 */
public final class UuidV7 {

  private static final AtomicLong LAST = new AtomicLong();

  private UuidV7() {}

  /** A new UUIDv7 as its canonical string. */
  public static String next() {
    return nextUuid().toString();
  }

  /** A new UUIDv7. */
  public static UUID nextUuid() {
    // A monotonic 12-bit counter in rand_a (RFC 9562 §6.2 method 1) keeps ids of one millisecond
    // ordered.
    long now = System.currentTimeMillis();
    long stamp = LAST.updateAndGet(last -> (last >>> 12) >= now ? last + 1 : now << 12);
    long millis = stamp >>> 12;
    long counter = stamp & 0xFFF;
    long msb = (millis << 16) | 0x7000L | counter;
    // Event ids identify, they do not authorize: a fast, lock-free generator is enough (RFC 9562
    // §6.9 asks for unguessable bits only where ids act as capabilities).
    long lsb =
        (ThreadLocalRandom.current().nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
    return new UUID(msb, lsb);
  }
}
