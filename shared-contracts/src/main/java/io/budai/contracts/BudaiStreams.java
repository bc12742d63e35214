package io.budai.contracts;

/** Redis Stream names of the event bus (DESIGN.md §2). */
public final class BudaiStreams {

  /** Domain events: entries with the fields {@code type} and {@code event} (the JSON envelope). */
  public static final String EVENTS = "budai:events";

  /**
   * High-volume transcript segments: {@code session_start}, {@code transcription}, {@code
   * session_end}.
   */
  public static final String SEGMENTS = "budai:segments";

  /**
   * Dead letters: entries that failed too often, with the error, the group and the attempt count.
   */
  public static final String DEAD_LETTERS = "budai:events:dlq";

  /** Field of a stream entry that holds the logical event type. */
  public static final String FIELD_TYPE = "type";

  /** Field of a stream entry that holds the JSON envelope. */
  public static final String FIELD_EVENT = "event";

  /**
   * Field of a {@code budai:events} entry that repeats the envelope's id, so a consumer can check
   * idempotency without decoding the JSON.
   */
  public static final String FIELD_ID = "id";

  /**
   * Optional field holding the ordering key (e.g. a meeting id): entries with the same key are
   * handled in order within a consumer.
   */
  public static final String FIELD_KEY = "key";

  /**
   * Optional field of a replayed dead letter: only this consumer group handles the entry, every
   * other group acknowledges it at once.
   */
  public static final String FIELD_ONLY_GROUP = "only_group";

  private BudaiStreams() {}
}
