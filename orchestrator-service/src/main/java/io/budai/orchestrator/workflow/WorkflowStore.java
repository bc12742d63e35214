package io.budai.orchestrator.workflow;

import io.budai.contracts.RedisKeys;
import io.budai.contracts.events.DomainEvent;
import io.budai.contracts.events.WorkflowStateChanged;
import io.budai.platform.bus.StateChangeWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.core.RedisOperations;
import org.springframework.data.redis.core.SessionCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Workflows in Redis (DESIGN.md §4). Every write is a transition computed by {@link StateMachine}
 * and applied by one Lua script that compares {@code version}, writes the hash, its indexes, its
 * timer and its results, and appends {@code workflow.state.changed} (with any other events of the
 * step) to {@code budai:events} — all or nothing.
 *
 * <pre>
 * budai:workflow:{id}                    hash  kind, meeting_id, user_id, correlation_id, status,
 *                                              step, completed_steps (JSON list), attempt,
 *                                              last_error, context (JSON), results (JSON name → key),
 *                                              history (JSON step runs), owner, version,
 *                                              created_at, updated_at, due_at (epoch ms)
 * budai:workflow:{id}:{result}           string  summary / followup / delivery / brief JSON
 * budai:workflow:by-meeting:{meeting_id} string  id of the meeting's (one) meeting workflow
 * budai:workflow:by-user:{user_id}       zset    ids of a user's workflows by created_at
 * budai:workflow:stats                   hash    "kind:status" → count
 * budai:timers                           zset    workflow id → when it next needs attention (ms)
 * </pre>
 *
 * All keys of a workflow expire after the retention (7 days), refreshed on every write.
 */
public class WorkflowStore {

  /**
   * The transition: compare-and-set on {@code version}, then every write. On a new workflow of a
   * meeting, {@code SET NX} on the by-meeting key makes the meeting's first workflow the only one.
   *
   * <pre>
   * KEYS  1 hash, 2 timers, 3 stats, 4 by-meeting, 5 by-user, 6.. result keys
   * ARGV  1 expected version ('0' = must not exist), 2 ttl ms, 3 timer score ('' = remove timer),
   *       4 id, 5 'kind:from' ('' when new), 6 'kind:to', 7 index by meeting (0/1),
   *       8 index by user (0/1), 9 created_at ms, 10 due-by guard ms ('' = none),
   *       11 n field pairs, pairs…, then one value per result key ('' = keep, refresh TTL)
   * </pre>
   */
  static final String TRANSITION =
      """
      local current = redis.call('HGET', KEYS[1], 'version') or '0'
      if current ~= ARGV[1] then return 0 end
      if ARGV[10] ~= '' then
        local due = redis.call('HGET', KEYS[1], 'due_at')
        if not due or due == '' or tonumber(due) > tonumber(ARGV[10]) then return 0 end
      end
      local ttl = tonumber(ARGV[2])
      if ARGV[1] == '0' and ARGV[7] == '1' then
        if not redis.call('SET', KEYS[4], ARGV[4], 'NX', 'PX', ttl) then return 0 end
      end
      local n = tonumber(ARGV[11])
      local fields = {}
      for i = 12, 11 + 2 * n do fields[#fields + 1] = ARGV[i] end
      redis.call('HSET', KEYS[1], 'version', tostring(tonumber(current) + 1), unpack(fields))
      redis.call('PEXPIRE', KEYS[1], ttl)
      if ARGV[7] == '1' then redis.call('PEXPIRE', KEYS[4], ttl) end
      if ARGV[8] == '1' then
        if ARGV[1] == '0' then
          redis.call('ZREMRANGEBYSCORE', KEYS[5], '-inf', '(' .. (tonumber(ARGV[9]) - ttl))
          redis.call('ZADD', KEYS[5], ARGV[9], ARGV[4])
        end
        redis.call('PEXPIRE', KEYS[5], ttl)
      end
      if ARGV[3] == '' then
        redis.call('ZREM', KEYS[2], ARGV[4])
      else
        redis.call('ZADD', KEYS[2], ARGV[3], ARGV[4])
      end
      if ARGV[5] ~= '' then redis.call('HINCRBY', KEYS[3], ARGV[5], -1) end
      redis.call('HINCRBY', KEYS[3], ARGV[6], 1)
      local r = 12 + 2 * n
      for k = 6, #KEYS do
        if ARGV[r] ~= '' then
          redis.call('SET', KEYS[k], ARGV[r], 'PX', ttl)
        else
          redis.call('PEXPIRE', KEYS[k], ttl)
        end
        r = r + 1
      end
      return 1
      """;

  /**
   * Claims due timers: each due member's score moves to now + claim lease, atomically, so exactly
   * one replica gets it; when the claimer dies the timer comes due again.
   *
   * <pre>KEYS 1 timers; ARGV 1 now ms, 2 limit, 3 claim lease ms → [id, score, id, score…]</pre>
   */
  static final RedisScript<List> CLAIM =
      RedisScript.of(
          """
          local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'WITHSCORES', 'LIMIT', 0, ARGV[2])
          local deadline = tonumber(ARGV[1]) + tonumber(ARGV[3])
          for i = 1, #due, 2 do redis.call('ZADD', KEYS[1], deadline, due[i]) end
          return due
          """,
          List.class);

  /**
   * Puts a workflow's timer back to what its hash says (its due_at), or removes it when the
   * workflow ended or expired: used when a claimed timer turned out to need nothing now.
   *
   * <pre>KEYS 1 hash, 2 timers; ARGV 1 id</pre>
   */
  static final RedisScript<Long> RESYNC =
      RedisScript.of(
          """
          local s = redis.call('HMGET', KEYS[1], 'status', 'due_at')
          if not s[1] or s[1] == 'completed' or s[1] == 'failed' or s[1] == 'cancelled'
              or not s[2] or s[2] == '' then
            redis.call('ZREM', KEYS[2], ARGV[1])
            return 0
          end
          redis.call('ZADD', KEYS[2], s[2], ARGV[1])
          return 1
          """,
          Long.class);

  /**
   * Extends the lease of a running step while its replica is alive; no version change, so it is not
   * a transition. A takeover (which requires due_at to have passed) and a renewal exclude each
   * other.
   *
   * <pre>KEYS 1 hash, 2 timers; ARGV 1 version, 2 owner, 3 new due ms, 4 id, 5 ttl ms</pre>
   */
  static final RedisScript<Long> RENEW =
      RedisScript.of(
          """
          local s = redis.call('HMGET', KEYS[1], 'version', 'owner', 'status')
          if s[1] ~= ARGV[1] or s[2] ~= ARGV[2] or s[3] ~= 'running' then return 0 end
          redis.call('HSET', KEYS[1], 'due_at', ARGV[3])
          redis.call('ZADD', KEYS[2], ARGV[3], ARGV[4])
          redis.call('PEXPIRE', KEYS[1], ARGV[5])
          return 1
          """,
          Long.class);

  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
  private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};
  private static final TypeReference<List<StepRun>> RUNS = new TypeReference<>() {};

  private final StringRedisTemplate redis;
  private final StateChangeWriter writer;
  private final JsonMapper json;
  private final Duration retention;

  public WorkflowStore(
      StringRedisTemplate redis, StateChangeWriter writer, JsonMapper json, Duration retention) {
    this.redis = redis;
    this.writer = writer;
    this.json = json;
    this.retention = retention;
  }

  /** The workflow with {@code id}, if it exists. */
  public Optional<Workflow> load(String id) {
    Map<Object, Object> hash = redis.opsForHash().entries(RedisKeys.workflow(id));
    return hash.isEmpty() ? Optional.empty() : Optional.of(decode(id, stringMap(hash)));
  }

  /** The existing ones of the workflows {@code ids}, in that order, read in one round trip. */
  public List<Workflow> loadAll(List<String> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    List<Object> hashes =
        redis.executePipelined(
            new SessionCallback<Object>() {
              @Override
              @SuppressWarnings({"unchecked", "rawtypes"})
              public Object execute(RedisOperations operations) {
                for (String id : ids) {
                  operations.opsForHash().entries(RedisKeys.workflow(id));
                }
                return null;
              }
            });
    List<Workflow> workflows = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      if (hashes.get(i) instanceof Map<?, ?> hash && !hash.isEmpty()) {
        workflows.add(decode(ids.get(i), stringMap(hash)));
      }
    }
    return workflows;
  }

  /** The id of the meeting workflow of {@code meetingId}, if there is one. */
  public Optional<String> idForMeeting(String meetingId) {
    return Optional.ofNullable(redis.opsForValue().get(RedisKeys.workflowByMeeting(meetingId)));
  }

  /** Ids of {@code userId}'s workflows, newest first, at most {@code max}. */
  public List<String> idsForUser(String userId, long start, long count) {
    Set<String> ids =
        redis
            .opsForZSet()
            .reverseRange(RedisKeys.workflowsByUser(userId), start, start + count - 1);
    return ids == null ? List.of() : List.copyOf(ids);
  }

  /** The stored results of {@code wf} by name (absent when expired). */
  public Map<String, String> results(Workflow wf) {
    if (wf.results().isEmpty()) {
      return Map.of();
    }
    List<String> names = List.copyOf(wf.results().keySet());
    List<String> values =
        redis.opsForValue().multiGet(names.stream().map(wf.results()::get).toList());
    Map<String, String> results = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      String value = values == null ? null : values.get(i);
      if (value != null) {
        results.put(names.get(i), value);
      }
    }
    return results;
  }

  /** One stored result of {@code wf}, if present. */
  public Optional<String> result(Workflow wf, String name) {
    String key = wf.results().get(name);
    return key == null ? Optional.empty() : Optional.ofNullable(redis.opsForValue().get(key));
  }

  /** Counts of workflows by {@code kind:status}. */
  public Map<String, Long> stats() {
    Map<String, Long> counts = new HashMap<>();
    redis
        .opsForHash()
        .entries(RedisKeys.WORKFLOW_STATS)
        .forEach((k, v) -> counts.put(k.toString(), Long.parseLong(v.toString())));
    return counts;
  }

  /**
   * Writes a new workflow with its first {@code workflow.state.changed}; false when it exists
   * already (or, for a meeting workflow, when the meeting has one).
   */
  public boolean create(Workflow wf, Instant timer) {
    return write(null, wf, timer, Map.of(), List.of(), null);
  }

  /**
   * Applies the transition {@code before} → {@code after} if the stored version is still {@code
   * before}'s; false when another replica (or a cancel) got there first.
   *
   * @param timer the workflow's next timer, null to remove it
   * @param resultValues results to store (name → JSON) under the keys {@code after.results()} names
   * @param events events to append besides {@code workflow.state.changed}
   * @param requireDueBy when set, the stored due_at must not be after it (a lease takeover)
   */
  public boolean apply(
      Workflow before,
      Workflow after,
      @Nullable Instant timer,
      Map<String, String> resultValues,
      List<? extends DomainEvent> events,
      @Nullable Instant requireDueBy) {
    return write(before, after, timer, resultValues, events, requireDueBy);
  }

  private boolean write(
      @Nullable Workflow before,
      Workflow after,
      @Nullable Instant timer,
      Map<String, String> resultValues,
      List<? extends DomainEvent> events,
      @Nullable Instant requireDueBy) {
    String id = after.id();
    boolean byMeeting = after.kind() == WorkflowKind.MEETING;
    boolean byUser = after.userId() != null;
    Set<String> resultNames = new LinkedHashSet<>(after.results().keySet());
    resultNames.addAll(resultValues.keySet());
    List<String> keys = new ArrayList<>();
    keys.add(RedisKeys.workflow(id));
    keys.add(RedisKeys.TIMERS);
    keys.add(RedisKeys.WORKFLOW_STATS);
    keys.add(RedisKeys.workflowByMeeting(after.meetingId()));
    keys.add(RedisKeys.workflowsByUser(byUser ? after.userId() : "-"));
    for (String name : resultNames) {
      keys.add(after.results().getOrDefault(name, RedisKeys.workflowResult(id, name)));
    }
    List<String> fields = encode(after);
    List<String> args = new ArrayList<>(12 + fields.size() + resultNames.size());
    args.add(before == null ? "0" : Long.toString(before.version()));
    args.add(Long.toString(retention.toMillis()));
    args.add(timer == null ? "" : Long.toString(timer.toEpochMilli()));
    args.add(id);
    args.add(before == null ? "" : after.kind().wire() + ":" + before.status().wire());
    args.add(after.kind().wire() + ":" + after.status().wire());
    args.add(byMeeting ? "1" : "0");
    args.add(byUser ? "1" : "0");
    args.add(Long.toString(after.createdAt().toEpochMilli()));
    args.add(requireDueBy == null ? "" : Long.toString(requireDueBy.toEpochMilli()));
    args.add(Integer.toString(fields.size() / 2));
    args.addAll(fields);
    for (String name : resultNames) {
      args.add(resultValues.getOrDefault(name, ""));
    }
    List<DomainEvent> all = new ArrayList<>(1 + events.size());
    all.add(stateChanged(before, after));
    all.addAll(events);
    return writer.write(TRANSITION, keys, args, all, after.userId()) == 1;
  }

  static WorkflowStateChanged stateChanged(@Nullable Workflow before, Workflow after) {
    return new WorkflowStateChanged(
        after.id(),
        after.kind().wire(),
        after.meetingId(),
        before == null ? null : before.status().wire(),
        after.status().wire(),
        after.step().wire(),
        after.attempt(),
        after.lastError());
  }

  /** Claims up to {@code limit} due timers for {@code claimLease}; returns id → due time. */
  public Map<String, Instant> claimDue(Instant now, int limit, Duration claimLease) {
    @SuppressWarnings("unchecked")
    List<Object> due =
        redis.execute(
            CLAIM,
            List.of(RedisKeys.TIMERS),
            Long.toString(now.toEpochMilli()),
            Integer.toString(limit),
            Long.toString(claimLease.toMillis()));
    Map<String, Instant> claimed = new LinkedHashMap<>();
    if (due != null) {
      for (int i = 0; i + 1 < due.size(); i += 2) {
        claimed.put(
            due.get(i).toString(),
            Instant.ofEpochMilli((long) Double.parseDouble(due.get(i + 1).toString())));
      }
    }
    return claimed;
  }

  /** Puts the timer of {@code id} back to its stored due time, or drops it when it has none. */
  public void resyncTimer(String id) {
    redis.execute(RESYNC, List.of(RedisKeys.workflow(id), RedisKeys.TIMERS), id);
  }

  /** Extends the lease of {@code running} (held by its owner) to {@code until}. */
  public boolean renewLease(Workflow running, Instant until) {
    Long renewed =
        redis.execute(
            RENEW,
            List.of(RedisKeys.workflow(running.id()), RedisKeys.TIMERS),
            Long.toString(running.version()),
            String.valueOf(running.owner()),
            Long.toString(until.toEpochMilli()),
            running.id(),
            Long.toString(retention.toMillis()));
    return renewed != null && renewed == 1;
  }

  /** Number of timers (workflows that will need attention). */
  public long timerCount() {
    Long size = redis.opsForZSet().zCard(RedisKeys.TIMERS);
    return size == null ? 0 : size;
  }

  /** The earliest timer's due time, if any. */
  public Optional<Instant> earliestTimer() {
    var first = redis.opsForZSet().rangeWithScores(RedisKeys.TIMERS, 0, 0);
    if (first == null || first.isEmpty() || first.iterator().next().getScore() == null) {
      return Optional.empty();
    }
    return Optional.of(Instant.ofEpochMilli(first.iterator().next().getScore().longValue()));
  }

  List<String> encode(Workflow wf) {
    List<String> fields = new ArrayList<>(36);
    put(fields, "kind", wf.kind().wire());
    put(fields, "meeting_id", wf.meetingId());
    put(fields, "user_id", nullToEmpty(wf.userId()));
    put(fields, "correlation_id", nullToEmpty(wf.correlationId()));
    put(fields, "status", wf.status().wire());
    put(fields, "step", wf.step().wire());
    put(
        fields,
        "completed_steps",
        json.writeValueAsString(wf.completedSteps().stream().map(Step::wire).toList()));
    put(fields, "attempt", Integer.toString(wf.attempt()));
    put(fields, "last_error", nullToEmpty(wf.lastError()));
    put(fields, "context", json.writeValueAsString(wf.context()));
    put(fields, "results", json.writeValueAsString(wf.results()));
    put(fields, "history", json.writeValueAsString(wf.history()));
    put(fields, "owner", nullToEmpty(wf.owner()));
    put(fields, "created_at", Long.toString(wf.createdAt().toEpochMilli()));
    put(fields, "updated_at", Long.toString(wf.updatedAt().toEpochMilli()));
    put(fields, "due_at", wf.dueAt() == null ? "" : Long.toString(wf.dueAt().toEpochMilli()));
    return fields;
  }

  Workflow decode(String id, Map<String, String> hash) {
    List<Step> completed =
        json.readValue(hash.getOrDefault("completed_steps", "[]"), STRINGS).stream()
            .map(Step::fromWire)
            .toList();
    return new Workflow(
        id,
        WorkflowKind.fromWire(hash.get("kind")),
        hash.getOrDefault("meeting_id", ""),
        emptyToNull(hash.get("user_id")),
        emptyToNull(hash.get("correlation_id")),
        WorkflowStatus.fromWire(hash.get("status")),
        Step.fromWire(hash.get("step")),
        completed,
        Integer.parseInt(hash.getOrDefault("attempt", "1")),
        emptyToNull(hash.get("last_error")),
        json.readValue(hash.getOrDefault("context", "{}"), WorkflowContext.class),
        json.readValue(hash.getOrDefault("results", "{}"), STRING_MAP),
        json.readValue(hash.getOrDefault("history", "[]"), RUNS),
        emptyToNull(hash.get("owner")),
        Long.parseLong(hash.getOrDefault("version", "0")),
        millis(hash.get("created_at")),
        millis(hash.get("updated_at")),
        emptyToNull(hash.get("due_at")) == null ? null : millis(hash.get("due_at")));
  }

  private static void put(List<String> fields, String name, String value) {
    fields.add(name);
    fields.add(value);
  }

  private static Instant millis(@Nullable String value) {
    return value == null || value.isEmpty()
        ? Instant.EPOCH
        : Instant.ofEpochMilli(Long.parseLong(value));
  }

  private static String nullToEmpty(@Nullable String value) {
    return value == null ? "" : value;
  }

  private static @Nullable String emptyToNull(@Nullable String value) {
    return value == null || value.isEmpty() ? null : value;
  }

  private static Map<String, String> stringMap(Map<?, ?> hash) {
    Map<String, String> map = new HashMap<>();
    hash.forEach((k, v) -> map.put(k.toString(), v.toString()));
    return map;
  }
}
