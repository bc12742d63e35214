package io.budai.benchmarks.bus;

import io.budai.contracts.events.EventEnvelope;
import io.budai.contracts.events.MeetingCompleted;
import io.budai.platform.bus.EventPublisher;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Publish throughput: raw pipelined Lettuce {@code XADD} of a pre-encoded entry (the baseline)
 * against the bus's {@link EventPublisher}, which also builds the envelope (UUIDv7, time, ids) and
 * encodes it to JSON. Both write the same fields, with the same trimming, to the same Redis.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 4)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx1g"})
public class PublishBenchmarks {

  static final int BATCH = 1_000;
  static final String RAW_STREAM = "bench:raw:publish";

  private ConfigurableApplicationContext app;
  private EventPublisher publisher;
  private RedisClient client;
  private StatefulRedisConnection<String, String> raw;
  private Object[] rawFields;
  private final XAddArgs trim = XAddArgs.Builder.maxlen(100_000).approximateTrimming(true);
  private long n;

  @Setup(Level.Trial)
  public void setUp() {
    String url = System.getProperty(BusBenchmark.REDIS_URL_PROPERTY);
    app = BenchApps.start(url, "bench-publisher", ctx -> {});
    publisher = app.getBean(EventPublisher.class);
    client = RedisClient.create(url);
    raw = client.connect();
    raw.setAutoFlushCommands(false);
    rawFields = Entries.fields(Entries.envelope(0));
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    raw.close();
    client.shutdown();
    app.close();
  }

  /** Baseline: 1,000 XADDs written in one flush, then all replies awaited. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void rawXaddPipelined() throws Exception {
    RedisAsyncCommands<String, String> commands = raw.async();
    @SuppressWarnings("unchecked")
    RedisFuture<String>[] replies = new RedisFuture[BATCH];
    for (int i = 0; i < BATCH; i++) {
      replies[i] = commands.xadd(RAW_STREAM, trim, rawFields);
    }
    raw.flushCommands();
    for (RedisFuture<String> reply : replies) {
      reply.get();
    }
  }

  /** The bus, pipelined: 1,000 {@code publishAsync} calls, then all awaited. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void busPublishAsync() {
    @SuppressWarnings("unchecked")
    CompletableFuture<EventEnvelope<MeetingCompleted>>[] sent = new CompletableFuture[BATCH];
    for (int i = 0; i < BATCH; i++) {
      sent[i] = publisher.publishAsync(Entries.event(n++), null);
    }
    CompletableFuture.allOf(sent).join();
  }

  /** The bus as services call it: blocking {@code publish}, from 32 request threads at once. */
  @Benchmark
  @Threads(32)
  public EventEnvelope<MeetingCompleted> busPublishBlocking32Threads() {
    return publisher.publish(Entries.event(Thread.currentThread().threadId()));
  }
}
