package io.budai.contracts;

/**
 * Every Redis key pattern BudAI uses (DESIGN.md §6). All keys start with {@code budai:}; a key that
 * belongs to one owner is only ever written by that owner's service.
 *
 * <p>Keys of one workflow or one meeting carry a hash tag ({@code {…}}) where several of them are
 * touched by one script, so a Redis Cluster keeps them on one slot.
 */
public final class RedisKeys {

  /** Common prefix of all keys. */
  public static final String PREFIX = "budai:";

  /** Sorted set of durable timers (score = due time in epoch ms); owner: orchestrator. */
  public static final String TIMERS = PREFIX + "timers";

  /** Set of session uids whose aggregates changed since the last flush; owner: collector. */
  public static final String DIRTY_SESSIONS = PREFIX + "dirty_sessions";

  private RedisKeys() {}

  /** Hash of one workflow's state; owner: orchestrator. */
  public static String workflow(String workflowId) {
    return PREFIX + "workflow:" + workflowId;
  }

  /** String: meeting id → its meeting workflow id; owner: orchestrator. */
  public static String workflowByMeeting(String meetingId) {
    return PREFIX + "workflow:by-meeting:" + meetingId;
  }

  /** Conversation state of one Slack/API session; owner: communicator-agent. */
  public static String session(String sessionId) {
    return PREFIX + "session:" + sessionId;
  }

  /** Hash of a meeting's in-flight segments keyed by segment id; owner: collector. */
  public static String meetingSegments(String meetingId) {
    return PREFIX + "meeting:" + meetingId + ":segments";
  }

  /** Hash of one transcription session's aggregates; owner: collector. */
  public static String sessionAggregate(String sessionUid) {
    return PREFIX + "session_agg:" + sessionUid;
  }

  /** Set of a user's running bot ids; owner: bot-manager. */
  public static String activeBots(String userId) {
    return PREFIX + "active_bots:" + userId;
  }

  /** Pub/sub channel of commands for one running bot; owner: bot-manager. */
  public static String botCommands(String sessionUid) {
    return PREFIX + "bot_commands:" + sessionUid;
  }

  /** Gateway cache of a resolved API key, by the SHA-256 of the key; owner: gateway. */
  public static String apiKey(String sha256Hex) {
    return PREFIX + "apikey:" + sha256Hex;
  }

  /** Rate limiter state of one key and route class; owner: gateway. */
  public static String rateLimit(String suffix) {
    return PREFIX + "ratelimit:" + suffix;
  }

  /** Marker that a consumer group processed an event (idempotency); owner: the event bus. */
  public static String processed(String group, String eventId) {
    return PREFIX + "processed:" + group + ":" + eventId;
  }
}
