package io.budai.contracts;

/**
 * Every Redis key pattern BudAI uses (DESIGN.md §6). All keys start with {@code budai:}; a key that
 * belongs to one owner is only ever written by that owner's service.
 *
 * <p>BudAI needs a single-shard Redis today: several scripts touch keys of one workflow or meeting
 * together with a stream, and no key carries a hash tag yet. Running on Redis Cluster needs hash
 * tags ({@code {…}}) on those keys first (see deploy/README.md, "Scaling out").
 */
public final class RedisKeys {

  /** Common prefix of all keys. */
  public static final String PREFIX = "budai:";

  /** Sorted set of durable timers (score = due time in epoch ms); owner: orchestrator. */
  public static final String TIMERS = PREFIX + "timers";

  /**
   * Hash of workflow counts by {@code kind:status}, kept by every transition; owner: orchestrator.
   */
  public static final String WORKFLOW_STATS = PREFIX + "workflow:stats";

  /** Set of session uids whose aggregates changed since the last flush; owner: collector. */
  public static final String DIRTY_SESSIONS = PREFIX + "dirty_sessions";

  /** List of e-mails kept instead of sent while no SMTP server is configured; owner: followup. */
  public static final String EMAIL_OUTBOX = PREFIX + "outbox:email";

  /**
   * Counter giving each attributed outbox e-mail its place in the user's outbox (the paging
   * cursor); owner: followup.
   */
  public static final String EMAIL_OUTBOX_SEQ = PREFIX + "outbox:email:seq";

  /**
   * Sorted set of one user's outbox e-mails (member = entry JSON, score = {@link #EMAIL_OUTBOX_SEQ}
   * value, capped); owner: followup.
   */
  public static String emailOutboxByUser(String userId) {
    return PREFIX + "outbox:email:user:" + userId;
  }

  /** Sorted set of pending reminder ids (score = due time in epoch ms); owner: followup. */
  public static final String REMINDERS = PREFIX + "reminders";

  /** Set of the ids of voice calls that have not ended; owner: voice-realtime. */
  public static final String VOICE_CALLS = PREFIX + "voice:calls";

  private RedisKeys() {}

  /** Hash of one workflow's state; owner: orchestrator. */
  public static String workflow(String workflowId) {
    return PREFIX + "workflow:" + workflowId;
  }

  /** String: meeting id → its meeting workflow id; owner: orchestrator. */
  public static String workflowByMeeting(String meetingId) {
    return PREFIX + "workflow:by-meeting:" + meetingId;
  }

  /**
   * String: one large result of a workflow ({@code summary}, {@code followup}, {@code delivery},
   * {@code brief}) as JSON, referenced from the workflow's hash; owner: orchestrator.
   */
  public static String workflowResult(String workflowId, String name) {
    return PREFIX + "workflow:" + workflowId + ":" + name;
  }

  /** Sorted set of one user's workflow ids, scored by creation time (ms); owner: orchestrator. */
  public static String workflowsByUser(String userId) {
    return PREFIX + "workflow:by-user:" + userId;
  }

  /**
   * Marker that the calendar poller announced one occurrence of a calendar event (so it is
   * announced once); owner: orchestrator.
   */
  public static String calendarAnnounced(String occurrence) {
    return PREFIX + "calendar:announced:" + occurrence;
  }

  /** Conversation state of one Slack/API session; owner: communicator-agent. */
  public static String session(String sessionId) {
    return PREFIX + "session:" + sessionId;
  }

  /** Hash of a meeting's in-flight segments keyed by segment id; owner: collector. */
  public static String meetingSegments(String meetingId) {
    return PREFIX + "meeting:" + meetingId + ":segments";
  }

  /**
   * String: the last revision the collector handed out for a meeting's segments (the {@code
   * ?since=} cursor of incremental transcript reads); owner: collector.
   */
  public static String meetingRevision(String meetingId) {
    return PREFIX + "meeting:" + meetingId + ":rev";
  }

  /**
   * Pub/sub channel of a meeting's live frames ({@code transcript.mutable}, {@code
   * transcript.finalized}, {@code meeting.status}) for the {@code /ws} feed; owner: collector.
   */
  public static String liveMeeting(String meetingId) {
    return PREFIX + "live:meeting:" + meetingId;
  }

  /**
   * Hash of the once-only announcements of a meeting (field = event type or {@code usage:{uid}},
   * value = when): the marker and its event are written by one script, so {@code meeting.completed}
   * goes out exactly once; owner: collector.
   */
  public static String meetingAnnouncements(String meetingId) {
    return PREFIX + "meeting:" + meetingId + ":announced";
  }

  /** Hash of one transcription session's aggregates; owner: collector. */
  public static String sessionAggregate(String sessionUid) {
    return PREFIX + "session_agg:" + sessionUid;
  }

  /** Set of a user's running bot ids; owner: bot-manager. */
  public static String activeBots(String userId) {
    return PREFIX + "active_bots:" + userId;
  }

  /**
   * Hash of one bot (status, meeting, runtime, external id, …), kept a day after it ended; owner:
   * bot-manager.
   */
  public static String bot(String botId) {
    return PREFIX + "bot:" + botId;
  }

  /** String: a runtime's own bot id (a Recall bot id) → BudAI bot id; owner: bot-manager. */
  public static String botByExternalId(String runtime, String externalId) {
    return PREFIX + "bot:external:" + runtime + ":" + externalId;
  }

  /** Pub/sub channel of commands for one running bot; owner: bot-manager. */
  public static String botCommands(String sessionUid) {
    return PREFIX + "bot_commands:" + sessionUid;
  }

  /**
   * Hash of one Fireflies transcript imported for a user ({@code transcript_id}, {@code bot_id},
   * {@code meeting_id}, {@code status}, {@code title}, {@code date}, {@code sentences}, {@code
   * imported_at}): what the import API and the Fireflies poller already brought in; owner:
   * bot-manager.
   */
  public static String firefliesImport(String userId, String transcriptId) {
    return PREFIX + "fireflies:import:" + userId + ":" + transcriptId;
  }

  /**
   * String with a short TTL: the lease of the one import of a Fireflies transcript under way (its
   * bot id), so two replicas or a poller and an API call never import it twice; owner: bot-manager.
   */
  public static String firefliesImportLock(String userId, String transcriptId) {
    return PREFIX + "fireflies:import-lock:" + userId + ":" + transcriptId;
  }

  /** Gateway cache of a resolved API key, by the SHA-256 of the key; owner: gateway. */
  public static String apiKey(String sha256Hex) {
    return PREFIX + "apikey:" + sha256Hex;
  }

  /** Rate limiter state of one key and route class; owner: gateway. */
  public static String rateLimit(String suffix) {
    return PREFIX + "ratelimit:" + suffix;
  }

  /**
   * Hash of one voice call (meeting id, owner, channel, join URL, status, activity times); owner:
   * voice-realtime.
   */
  public static String voiceCall(String callId) {
    return PREFIX + "voice:call:{" + callId + "}";
  }

  /** String: meeting id → the id of the voice call recording it; owner: voice-realtime. */
  public static String voiceCallByMeeting(String meetingId) {
    return PREFIX + "voice:call-by-meeting:" + meetingId;
  }

  /**
   * Sorted set of a voice call's open audio streams, scored by their last heartbeat (epoch ms);
   * owner: voice-realtime.
   */
  public static String voiceCallStreams(String callId) {
    return PREFIX + "voice:call:{" + callId + "}:streams";
  }

  /** Marker that a consumer group processed an event (idempotency); owner: the event bus. */
  public static String processed(String group, String eventId) {
    return PREFIX + "processed:" + group + ":" + eventId;
  }

  /**
   * Keys of slack-integration-service (owner: slack-integration). Channel and user ids are Slack's
   * ({@code C…}, {@code U…}); {@code userId} is a BudAI user id.
   */
  public static final class Slack {

    /** Set of channels whose post queue is not empty. */
    public static final String QUEUES = PREFIX + "slack:queues";

    /** List of messages kept while Slack is not configured (newest first, capped). */
    public static final String OUTBOX = PREFIX + "slack:outbox";

    /** Counter giving each attributed outbox message its place in the user's outbox (cursor). */
    public static final String OUTBOX_SEQ = PREFIX + "slack:outbox:seq";

    /**
     * Sorted set of one BudAI user's outbox messages (member = entry JSON, score = {@link
     * #OUTBOX_SEQ} value, capped like the outbox).
     */
    public static String outboxByUser(String userId) {
      return PREFIX + "slack:outbox:user:" + userId;
    }

    /** Hash: normalized person name or email → Slack user id, learnt when accounts are linked. */
    public static final String DIRECTORY = PREFIX + "slack:directory";

    private Slack() {}

    /** String with TTL: an Events API {@code event_id} already taken (Slack retries reuse it). */
    public static String event(String eventId) {
      return PREFIX + "slack:event:" + eventId;
    }

    /** Hash: one posted message by its idempotency key (parts, status, ts, error). */
    public static String message(String idempotencyKey) {
      return PREFIX + "slack:message:" + idempotencyKey;
    }

    /** List: idempotency keys of the messages waiting for one channel, in posting order. */
    public static String queue(String channel) {
      return PREFIX + "slack:queue:" + channel;
    }

    /** String with TTL: the replica that drains a channel's queue (per-channel ordering). */
    public static String queueLock(String channel) {
      return PREFIX + "slack:queue-lock:" + channel;
    }

    /** String with TTL: a channel's queue waits (Slack's {@code Retry-After}, back-off). */
    public static String queuePause(String channel) {
      return PREFIX + "slack:queue-pause:" + channel;
    }

    /** Hash: the BudAI account a Slack user linked ({@code user_id}, {@code key_ref}, …). */
    public static String link(String teamId, String slackUserId) {
      return PREFIX + "slack:link:" + teamId + ":" + slackUserId;
    }

    /** Set of {@code team:slackUser} linked to one BudAI user. */
    public static String linksByUser(String userId) {
      return PREFIX + "slack:links-by-user:" + userId;
    }

    /** Set of {@code team:slackUser} linked with one API key (by its SHA-256), for revocation. */
    public static String linksByKey(String keySha256) {
      return PREFIX + "slack:links-by-key:" + keySha256;
    }

    /** Hash: the meeting or call running in a channel ({@code /loop start} … {@code stop}). */
    public static String channelSession(String channel) {
      return PREFIX + "slack:channel:" + channel;
    }

    /** Set of channels where a BudAI user has a meeting or call running. */
    public static String activeChannels(String userId) {
      return PREFIX + "slack:active:" + userId;
    }

    /** String (JSON): the last summary posted for a meeting, for App Home and buttons. */
    public static String summary(String meetingId) {
      return PREFIX + "slack:summary:" + meetingId;
    }

    /** List: ids of a BudAI user's recently summarized meetings, newest first. */
    public static String recentMeetings(String userId) {
      return PREFIX + "slack:recent:" + userId;
    }
  }

  /** A cached LLM response, by engine, model and prompt hash; owner: the agents' LLM layer. */
  public static String llmCache(String engine, String model, String promptSha256) {
    return PREFIX + "llm:cache:" + engine + ":" + model + ":" + promptSha256;
  }

  /** The outcome of one idempotent side effect (an e-mail send) by key; owner: followup. */
  public static String idempotency(String scope, String key) {
    return PREFIX + "idempotency:" + scope + ":" + key;
  }

  /** Hash of one reminder (action item, owner, e-mail, due time); owner: followup. */
  public static String reminder(String reminderId) {
    return PREFIX + "reminder:" + reminderId;
  }
}
