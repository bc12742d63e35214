package io.budai.collector;

import io.budai.contracts.BudaiStreams;
import io.budai.contracts.segments.SegmentCodec;
import io.budai.contracts.segments.SegmentMessage;
import io.budai.test.TestInfrastructure;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.Map;

/**
 * Appends segment messages to {@code budai:segments} exactly as the bus publisher does (fields
 * {@code type}, {@code key}, {@code event}), with no collector running: a bot keeps talking while
 * the collector is down.
 */
final class SegmentStream implements AutoCloseable {

  private final RedisClient client = RedisClient.create(TestInfrastructure.redisUrl());
  private final StatefulRedisConnection<String, String> connection = client.connect();
  private final SegmentCodec codec = new SegmentCodec();

  void publish(SegmentMessage message) {
    connection
        .sync()
        .xadd(
            BudaiStreams.SEGMENTS,
            Map.of(
                BudaiStreams.FIELD_TYPE, message.type(),
                BudaiStreams.FIELD_KEY, message.orderingKey(),
                BudaiStreams.FIELD_EVENT, codec.encode(message)));
  }

  @Override
  public void close() {
    connection.close();
    client.shutdown();
  }
}
