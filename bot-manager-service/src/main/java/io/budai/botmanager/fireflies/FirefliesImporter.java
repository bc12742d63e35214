package io.budai.botmanager.fireflies;

import io.budai.botmanager.BotManagerProperties;
import io.budai.botmanager.bots.Bot;
import io.budai.botmanager.bots.BotStore;
import io.budai.botmanager.bots.CollectorClient;
import io.budai.contracts.RedisKeys;
import io.budai.contracts.events.BotStatus;
import io.budai.contracts.segments.Segment;
import io.budai.contracts.segments.SessionEnd;
import io.budai.contracts.segments.SessionStart;
import io.budai.contracts.segments.Transcription;
import io.budai.platform.bus.EventPublisher;
import io.budai.platform.web.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Imports one Fireflies transcript as a BudAI meeting with the machinery the bot runtimes use: the
 * meeting is created in transcription-collector (platform {@code fireflies}, native id = the
 * transcript id), a bot of runtime {@code fireflies} reports {@code requested} → {@code recording}
 * → {@code leaving} → {@code ended} ({@code completion_reason} {@code imported}) through {@link
 * BotStore} (each status and its {@code bot.status.changed} in one script), and the sentences go to
 * {@code budai:segments} as one session ({@code session_start}, confirmed segments in batches,
 * {@code session_end}). The collector then finalizes the meeting and announces {@code
 * meeting.completed} once, which starts the orchestrator's workflow.
 *
 * <p>Idempotent: {@code budai:fireflies:import:{user}:{transcript}} remembers an import, the
 * collector's meeting record backs it up (a completed {@code fireflies} meeting for the transcript
 * counts as imported even if Redis forgot), and a lease ({@code
 * budai:fireflies:import-lock:{user}:{transcript}}) lets only one import run at a time. Segment ids
 * are {@code {bot}:{n}}, so an interrupted import that is resumed re-sends the same segments and
 * the collector stores each once.
 */
@Service
public class FirefliesImporter {

  static final String PLATFORM = "fireflies";
  static final String RUNTIME = "fireflies";
  static final String COMPLETION_REASON = "imported";

  private static final Logger log = LoggerFactory.getLogger(FirefliesImporter.class);
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");
  private static final int BATCH = 50;
  private static final RedisScript<Long> RELEASE =
      RedisScript.of(
          """
          if redis.call('GET', KEYS[1]) == ARGV[1] then
            return redis.call('DEL', KEYS[1])
          end
          return 0""",
          Long.class);

  private final FirefliesClient fireflies;
  private final CollectorClient collector;
  private final BotStore bots;
  private final EventPublisher events;
  private final StringRedisTemplate redis;
  private final JsonMapper json;
  private final Clock clock;
  private final MeterRegistry meters;
  private final BotManagerProperties.Fireflies settings;

  FirefliesImporter(
      FirefliesClient fireflies,
      CollectorClient collector,
      BotStore bots,
      EventPublisher events,
      StringRedisTemplate redis,
      JsonMapper json,
      Clock clock,
      MeterRegistry meters,
      BotManagerProperties properties) {
    this.fireflies = fireflies;
    this.collector = collector;
    this.bots = bots;
    this.events = events;
    this.redis = redis;
    this.json = json;
    this.clock = clock;
    this.meters = meters;
    this.settings = properties.fireflies();
  }

  /**
   * The outcome of an import.
   *
   * @param created whether this call created the meeting (false: it was imported before)
   * @param meeting the collector's {@code MeetingResponse}
   */
  record Imported(boolean created, JsonNode meeting) {}

  /**
   * A transcript of the account and whether it is imported.
   *
   * @param transcript the transcript (no sentences)
   * @param meetingId the BudAI meeting, when imported
   */
  record Listed(FirefliesTranscript transcript, @Nullable Long meetingId) {}

  /**
   * Imports the transcript for {@code userId}: 422 for a malformed id, 503 when Fireflies is not
   * configured, 403 for a user other than {@code FIREFLIES_USER_ID}, 404 when Fireflies has no such
   * transcript, 409 while it is still live or being imported by another call; the Fireflies
   * client's problems (502/503) as they are.
   */
  Imported importTranscript(String userId, String transcriptId) {
    checkId(transcriptId);
    requireAccess(userId);
    Optional<Imported> before = alreadyImported(userId, transcriptId);
    if (before.isPresent()) {
      return before.get();
    }
    FirefliesTranscript transcript =
        fireflies
            .transcript(transcriptId)
            .orElseThrow(
                () ->
                    new ProblemException(
                        HttpStatus.NOT_FOUND,
                        "fireflies-transcript-not-found",
                        "Transcript not found",
                        "Fireflies has no transcript '" + transcriptId + "' for this API key."));
    if (transcript.live()) {
      throw new ProblemException(
          HttpStatus.CONFLICT,
          "fireflies-transcript-live",
          "Meeting still live",
          "Fireflies transcript '" + transcriptId + "' is still live; import it once it ended.");
    }
    String botId = UUID.randomUUID().toString();
    String lock = RedisKeys.firefliesImportLock(userId, transcriptId);
    if (!Boolean.TRUE.equals(
        redis.opsForValue().setIfAbsent(lock, botId, settings.importLease()))) {
      ProblemException busy =
          new ProblemException(
              HttpStatus.CONFLICT,
              "fireflies-import-in-progress",
              "Import in progress",
              "Fireflies transcript '" + transcriptId + "' is being imported right now.");
      busy.getHeaders().set("Retry-After", "1");
      throw busy;
    }
    try {
      Optional<Imported> raced = alreadyImported(userId, transcriptId);
      if (raced.isPresent()) {
        return raced.get();
      }
      return run(userId, transcript, botId);
    } finally {
      redis.execute(RELEASE, List.of(lock), botId);
    }
  }

  /** Whether the transcript is recorded as imported for the user (no remote call). */
  boolean isImported(String userId, String transcriptId) {
    return "imported"
        .equals(redis.opsForHash().get(RedisKeys.firefliesImport(userId, transcriptId), "status"));
  }

  /** A page of the account's transcripts, each with its BudAI meeting when imported. */
  List<Listed> list(String userId, int limit, int skip) {
    requireAccess(userId);
    List<Listed> listed = new ArrayList<>();
    for (FirefliesTranscript transcript : fireflies.transcripts(limit, skip, null)) {
      Map<Object, Object> record =
          redis.opsForHash().entries(RedisKeys.firefliesImport(userId, transcript.id()));
      Long meetingId =
          "imported".equals(record.get("status")) && record.get("meeting_id") != null
              ? Long.valueOf(record.get("meeting_id").toString())
              : null;
      listed.add(new Listed(transcript, meetingId));
    }
    return listed;
  }

  /** 503 without a key or an owning user, 403 for anyone but the owning user. */
  void requireAccess(String userId) {
    if (!settings.configured()) {
      throw new ProblemException(
          HttpStatus.SERVICE_UNAVAILABLE,
          "fireflies-not-configured",
          "Fireflies not configured",
          "Importing from Fireflies needs FIREFLIES_API_KEY (the Fireflies API key, from Fireflies'"
              + " Integrations → Fireflies API) and FIREFLIES_USER_ID (the BudAI user who owns"
              + " the imported meetings) in bot-manager-service's environment.");
    }
    if (!userId.equals(settings.userId())) {
      throw new ProblemException(
          HttpStatus.FORBIDDEN,
          "fireflies-not-yours",
          "Not your Fireflies account",
          "The Fireflies account configured here imports for another BudAI user"
              + " (FIREFLIES_USER_ID).");
    }
  }

  private Optional<Imported> alreadyImported(String userId, String transcriptId) {
    String key = RedisKeys.firefliesImport(userId, transcriptId);
    Optional<JsonNode> meeting = collector.latestMeeting(userId, PLATFORM, transcriptId);
    boolean recorded = "imported".equals(redis.opsForHash().get(key, "status"));
    if (meeting.isEmpty()) {
      if (recorded) {
        // the meeting was deleted in the collector (its native id forgotten): import it afresh
        redis.delete(key);
      }
      return Optional.empty();
    }
    String status = meeting.get().path("status").asString("");
    if (status.equals("failed")) {
      return Optional.empty();
    }
    if (!recorded && status.equals("completed")) {
      // Redis forgot the import; the meeting record still has it
      remember(
          userId,
          transcriptId,
          meeting.get().path("bot_container_id").asString(""),
          meeting.get().path("id").asLong(),
          "imported",
          null,
          0);
    }
    if (recorded || status.equals("completed")) {
      meters.counter("bots.fireflies.imports", "outcome", "already_imported").increment();
      return Optional.of(new Imported(false, meeting.get()));
    }
    // an import that did not finish: resumed under the lease (see run)
    return Optional.empty();
  }

  private Imported run(String userId, FirefliesTranscript transcript, String newBotId) {
    Optional<JsonNode> unfinished = collector.latestMeeting(userId, PLATFORM, transcript.id());
    Bot bot;
    JsonNode meeting;
    if (unfinished.isPresent() && !unfinished.get().path("status").asString("").equals("failed")) {
      meeting = unfinished.get();
      bot =
          bots.find(meeting.path("bot_container_id").asString(""))
              .filter(b -> b.runtime().equals(RUNTIME) && !b.status().terminal())
              .orElseThrow(
                  () ->
                      new ProblemException(
                          HttpStatus.CONFLICT,
                          "meeting-already-active",
                          "Meeting already active",
                          "Meeting "
                              + meeting.path("id").asLong()
                              + " of this transcript is "
                              + meeting.path("status").asString()
                              + " and no import serves it; stop it (DELETE /bots/fireflies/"
                              + transcript.id()
                              + ") and import again."));
      log.info(
          "Resuming the import of Fireflies transcript {} (bot {})", transcript.id(), bot.botId());
    } else {
      String url =
          transcript.transcriptUrl() != null
              ? transcript.transcriptUrl()
              : "https://app.fireflies.ai/view/" + transcript.id();
      meeting =
          collector.createMeeting(
              userId, PLATFORM, transcript.id(), url, newBotId, meetingData(transcript));
      Instant now = clock.instant();
      bot =
          new Bot(
              newBotId,
              meeting.path("id").asLong(),
              userId,
              PLATFORM,
              transcript.id(),
              url,
              RUNTIME,
              BotStatus.REQUESTED,
              null,
              null,
              "transcribe",
              "Fireflies",
              null,
              now,
              now);
      bots.createAttached(bot);
    }
    remember(
        userId,
        transcript.id(),
        bot.botId(),
        bot.meetingId(),
        "importing",
        transcript,
        transcript.sentences().size());
    try {
      publish(bot, transcript);
    } catch (RuntimeException e) {
      log.warn("Import of Fireflies transcript {} failed", transcript.id(), e);
      bots.transition(bot, BotStatus.FAILED, "import failed: " + e.getMessage());
      redis.delete(RedisKeys.firefliesImport(userId, transcript.id()));
      meters.counter("bots.fireflies.imports", "outcome", "failed").increment();
      throw e;
    }
    remember(
        userId,
        transcript.id(),
        bot.botId(),
        bot.meetingId(),
        "imported",
        transcript,
        transcript.sentences().size());
    meters.counter("bots.fireflies.imports", "outcome", "imported").increment();
    log.info(
        "Imported Fireflies transcript {} as meeting {} ({} sentences)",
        transcript.id(),
        bot.meetingId(),
        transcript.sentences().size());
    return new Imported(true, meeting);
  }

  /** The whole meeting as one session, then its end: the same sequence a bot reports. */
  private void publish(Bot bot, FirefliesTranscript transcript) {
    String meetingId = String.valueOf(bot.meetingId());
    Instant startedAt = transcript.date() != null ? transcript.date() : clock.instant();
    bots.transition(bot, BotStatus.RECORDING, null);
    events.publishSegment(
        new SessionStart(
            bot.botId(),
            meetingId,
            PLATFORM,
            bot.nativeMeetingId(),
            null,
            RUNTIME,
            bot.userId(),
            startedAt));
    List<Segment> batch = new ArrayList<>(BATCH);
    int n = 0;
    for (FirefliesTranscript.Sentence sentence : transcript.sentences()) {
      String segmentId = bot.botId() + ":" + n++;
      if (sentence.text().isBlank()) {
        continue;
      }
      // the collector drops confirmed segments shorter than 1 ms; Fireflies has zero-length ones
      double end = Math.max(sentence.end(), sentence.start() + 0.01);
      batch.add(
          new Segment(
              sentence.start(), end, sentence.speaker(), sentence.text(), null, true, segmentId));
      if (batch.size() == BATCH) {
        send(bot, batch);
        batch = new ArrayList<>(BATCH);
      }
    }
    if (!batch.isEmpty()) {
      send(bot, batch);
    }
    bots.transition(bot, BotStatus.LEAVING, COMPLETION_REASON);
    events.publishSegment(
        new SessionEnd(
            bot.botId(),
            meetingId,
            PLATFORM,
            bot.nativeMeetingId(),
            null,
            RUNTIME,
            clock.instant(),
            COMPLETION_REASON));
    bots.transition(bot, BotStatus.ENDED, COMPLETION_REASON);
  }

  private void send(Bot bot, List<Segment> batch) {
    events.publishSegment(
        new Transcription(
            bot.botId(),
            String.valueOf(bot.meetingId()),
            PLATFORM,
            bot.nativeMeetingId(),
            null,
            RUNTIME,
            List.copyOf(batch)));
  }

  private ObjectNode meetingData(FirefliesTranscript transcript) {
    ObjectNode data = json.createObjectNode();
    if (transcript.title() != null && !transcript.title().isBlank()) {
      data.put("name", transcript.title());
    }
    ArrayNode participants = data.putArray("participants");
    transcript.participants().forEach(participants::add);
    data.put("source", "fireflies");
    data.put("runtime", RUNTIME);
    if (settings.slackChannelId() != null && !settings.slackChannelId().isBlank()) {
      data.put("slack_channel_id", settings.slackChannelId());
    }
    ObjectNode source = data.putObject("fireflies");
    source.put("transcript_id", transcript.id());
    if (transcript.title() != null) {
      source.put("title", transcript.title());
    }
    if (transcript.date() != null) {
      source.put("date", transcript.date().toString());
    }
    if (transcript.durationMinutes() != null) {
      source.put("duration_minutes", transcript.durationMinutes());
    }
    if (transcript.organizerEmail() != null) {
      source.put("organizer_email", transcript.organizerEmail());
    }
    if (transcript.transcriptUrl() != null) {
      source.put("transcript_url", transcript.transcriptUrl());
    }
    source.put("sentences", transcript.sentences().size());
    return data;
  }

  private void remember(
      String userId,
      String transcriptId,
      String botId,
      long meetingId,
      String status,
      @Nullable FirefliesTranscript transcript,
      int sentences) {
    Map<String, String> record = new HashMap<>();
    record.put("transcript_id", transcriptId);
    record.put("bot_id", botId);
    record.put("meeting_id", String.valueOf(meetingId));
    record.put("status", status);
    record.put("updated_at", clock.instant().toString());
    if (status.equals("imported")) {
      record.put("imported_at", clock.instant().toString());
    }
    if (transcript != null) {
      record.put("title", transcript.title() == null ? "" : transcript.title());
      record.put("date", transcript.date() == null ? "" : transcript.date().toString());
      record.put("sentences", String.valueOf(sentences));
    }
    redis.opsForHash().putAll(RedisKeys.firefliesImport(userId, transcriptId), record);
  }

  private static void checkId(String transcriptId) {
    if (!ID.matcher(transcriptId).matches()) {
      throw new ProblemException(
          HttpStatus.UNPROCESSABLE_CONTENT,
          "invalid-transcript-id",
          "Invalid transcript id",
          "transcript_id must be a Fireflies transcript id: 1–128 letters, digits, '-' or '_'.");
    }
  }
}
