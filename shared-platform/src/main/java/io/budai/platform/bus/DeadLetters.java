package io.budai.platform.bus;

import io.budai.contracts.BudaiStreams;
import io.budai.contracts.RedisKeys;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The dead-letter stream {@code budai:events:dlq}: entries that failed {@code
 * budai.bus.max-deliveries} times (or could not be decoded) land here with the error, the group and
 * the attempt count, and an operator lists, replays or drops them ({@code /internal/dlq}).
 *
 * <p>A replay puts the original fields back on the original stream with {@code only_group} set to
 * the failed group: that group handles it again, every other group (which handled it already)
 * acknowledges it at once.
 */
final class DeadLetters {

  static final String FIELD_STREAM = "stream";
  static final String FIELD_GROUP = "group";
  static final String FIELD_ENTRY_ID = "entry_id";
  static final String FIELD_ERROR = "error";
  static final String FIELD_ATTEMPTS = "attempts";
  static final String FIELD_CONSUMER = "consumer";
  static final String FIELD_FAILED_AT = "failed_at";

  /**
   * One dead letter.
   *
   * @param id its id in the dead-letter stream
   * @param stream the stream it came from
   * @param group the consumer group that gave up on it
   * @param entryId its id in the original stream
   * @param type the entry's type
   * @param eventId the event id (events stream)
   * @param key the ordering key, if any
   * @param event the entry's JSON as it was (it may be what is wrong)
   * @param error why it was given up
   * @param attempts deliveries made
   * @param consumer the consumer that gave up
   * @param failedAt when
   */
  record DeadLetter(
      String id,
      String stream,
      String group,
      String entryId,
      @Nullable String type,
      @Nullable String eventId,
      @Nullable String key,
      @Nullable String event,
      String error,
      long attempts,
      @Nullable String consumer,
      @Nullable Instant failedAt) {}

  private final BusRedis redis;
  private final BusProperties properties;
  private final long timeoutMillis;

  DeadLetters(BusRedis redis, BusProperties properties) {
    this.redis = redis;
    this.properties = properties;
    this.timeoutMillis = properties.publishTimeout().toMillis();
  }

  /**
   * Moves {@code entry} of {@code stream} from {@code group}'s pending list to the dead-letter
   * stream, atomically.
   *
   * @return false when the entry was no longer pending for the group
   */
  boolean deadLetter(
      String stream,
      String group,
      String consumer,
      StreamMessage<String, String> entry,
      @Nullable String marker,
      String leaseValue,
      String error,
      long attempts) {
    List<String> args = new ArrayList<>();
    args.add(group);
    args.add(entry.getId());
    args.add(Long.toString(properties.deadLetterMaxLength()));
    args.add(leaseValue);
    Map<String, String> body = entry.getBody() == null ? Map.of() : entry.getBody();
    put(args, FIELD_STREAM, stream);
    put(args, FIELD_GROUP, group);
    put(args, FIELD_ENTRY_ID, entry.getId());
    for (String field :
        List.of(
            BudaiStreams.FIELD_TYPE,
            BudaiStreams.FIELD_ID,
            BudaiStreams.FIELD_KEY,
            BudaiStreams.FIELD_EVENT)) {
      if (body.get(field) != null) {
        put(args, field, body.get(field));
      }
    }
    put(args, FIELD_ERROR, error.length() > 4_000 ? error.substring(0, 4_000) : error);
    put(args, FIELD_ATTEMPTS, Long.toString(attempts));
    put(args, FIELD_CONSUMER, consumer);
    put(args, FIELD_FAILED_AT, Instant.now().toString());
    String[] keys = {
      BudaiStreams.DEAD_LETTERS, stream, marker == null ? BudaiStreams.DEAD_LETTERS : marker
    };
    Long moved =
        BusRedis.await(
            BusScripts.DEAD_LETTER.<Long>run(
                redis.shared().async(),
                ScriptOutputType.INTEGER,
                keys,
                args.toArray(String[]::new)),
            timeoutMillis,
            "Dead-lettering");
    return moved != null && moved == 1;
  }

  /**
   * Dead letters after {@code after} (exclusive; null = from the oldest), at most {@code count}.
   */
  List<DeadLetter> list(@Nullable String group, @Nullable String after, int count) {
    List<DeadLetter> result = new ArrayList<>();
    String from = after == null ? "-" : "(" + after;
    while (result.size() < count) {
      List<StreamMessage<String, String>> page =
          BusRedis.await(
              redis
                  .shared()
                  .async()
                  .xrange(
                      BudaiStreams.DEAD_LETTERS,
                      Range.create(from, "+"),
                      Limit.from(Math.max(count, 100))),
              timeoutMillis,
              "Listing dead letters");
      if (page.isEmpty()) {
        break;
      }
      for (StreamMessage<String, String> message : page) {
        DeadLetter letter = of(message);
        if (group == null || group.equals(letter.group())) {
          result.add(letter);
          if (result.size() == count) {
            break;
          }
        }
      }
      from = "(" + page.getLast().getId();
    }
    return result;
  }

  Optional<DeadLetter> get(String id) {
    List<StreamMessage<String, String>> found =
        BusRedis.await(
            redis.shared().async().xrange(BudaiStreams.DEAD_LETTERS, Range.create(id, id)),
            timeoutMillis,
            "Reading a dead letter");
    return found.isEmpty() ? Optional.empty() : Optional.of(of(found.getFirst()));
  }

  /** Replays one dead letter; the new entry id, or empty when there is no such dead letter. */
  Optional<String> replay(String id) {
    Optional<DeadLetter> letter = get(id);
    if (letter.isEmpty()) {
      return Optional.empty();
    }
    DeadLetter dead = letter.get();
    List<String> args = new ArrayList<>();
    args.add(id);
    args.add(
        Long.toString(
            BudaiStreams.SEGMENTS.equals(dead.stream())
                ? properties.segmentsMaxLength()
                : properties.streamMaxLength()));
    if (dead.type() != null) {
      put(args, BudaiStreams.FIELD_TYPE, dead.type());
    }
    if (dead.eventId() != null) {
      put(args, BudaiStreams.FIELD_ID, dead.eventId());
    }
    if (dead.key() != null) {
      put(args, BudaiStreams.FIELD_KEY, dead.key());
    }
    put(args, BudaiStreams.FIELD_ONLY_GROUP, dead.group());
    put(args, BudaiStreams.FIELD_EVENT, dead.event() == null ? "" : dead.event());
    String newId =
        BusRedis.await(
            BusScripts.REPLAY.<String>run(
                redis.shared().async(),
                ScriptOutputType.VALUE,
                new String[] {BudaiStreams.DEAD_LETTERS, dead.stream()},
                args.toArray(String[]::new)),
            timeoutMillis,
            "Replaying a dead letter");
    return Optional.ofNullable(newId);
  }

  /** Replays every dead letter (of {@code group}, when given); how many. */
  int replayAll(@Nullable String group) {
    int replayed = 0;
    String after = null;
    while (true) {
      List<DeadLetter> page = list(group, after, 200);
      if (page.isEmpty()) {
        return replayed;
      }
      for (DeadLetter letter : page) {
        if (replay(letter.id()).isPresent()) {
          replayed++;
        }
      }
      after = page.getLast().id();
    }
  }

  /** Drops one dead letter for good. */
  boolean delete(String id) {
    Long deleted =
        BusRedis.await(
            redis.shared().async().xdel(BudaiStreams.DEAD_LETTERS, id),
            timeoutMillis,
            "Deleting a dead letter");
    return deleted != null && deleted > 0;
  }

  /** Dead letters in the stream. */
  long size() {
    return BusRedis.await(
        redis.shared().async().xlen(BudaiStreams.DEAD_LETTERS), timeoutMillis, "XLEN");
  }

  private static DeadLetter of(StreamMessage<String, String> message) {
    Map<String, String> body = message.getBody();
    String failedAt = body.get(FIELD_FAILED_AT);
    return new DeadLetter(
        message.getId(),
        body.getOrDefault(FIELD_STREAM, BudaiStreams.EVENTS),
        body.getOrDefault(FIELD_GROUP, ""),
        body.getOrDefault(FIELD_ENTRY_ID, ""),
        body.get(BudaiStreams.FIELD_TYPE),
        body.get(BudaiStreams.FIELD_ID),
        body.get(BudaiStreams.FIELD_KEY),
        body.get(BudaiStreams.FIELD_EVENT),
        body.getOrDefault(FIELD_ERROR, ""),
        parseLong(body.get(FIELD_ATTEMPTS)),
        body.get(FIELD_CONSUMER),
        failedAt == null ? null : Instant.parse(failedAt));
  }

  private static long parseLong(@Nullable String value) {
    try {
      return value == null ? 0 : Long.parseLong(value);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static void put(List<String> args, String field, String value) {
    args.add(field);
    args.add(value);
  }

  /** The processed marker of an event for a group. */
  static String marker(String group, String eventId) {
    return RedisKeys.processed(group, eventId);
  }
}
