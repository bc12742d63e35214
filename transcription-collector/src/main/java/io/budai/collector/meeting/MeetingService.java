package io.budai.collector.meeting;

import io.budai.platform.web.ProblemException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The meeting record: creation, lookups scoped to their owner, status changes, data, deletion. */
@Service
public class MeetingService {

  private static final Logger log = LoggerFactory.getLogger(MeetingService.class);

  /** Data keys a deletion keeps (Vexa): telemetry, no content. */
  private static final Set<String> KEPT_ON_DELETE =
      Set.of("status_transition", "completion_reason", "failure_stage", "error", "diagnostics");

  private final MeetingRepository meetings;
  private final JdbcClient jdbc;
  private final JsonMapper json;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  MeetingService(
      MeetingRepository meetings,
      JdbcClient jdbc,
      JsonMapper json,
      ApplicationEventPublisher events,
      Clock clock) {
    this.meetings = meetings;
    this.jdbc = jdbc;
    this.json = json;
    this.events = events;
    this.clock = clock;
  }

  /**
   * Creates a requested meeting; 409 when the user already has a running one for it (the partial
   * unique index decides, so two racing requests cannot both win). Not one transaction: after the
   * unique violation the existing meeting is looked up for the answer.
   */
  public Meeting create(CreateMeetingRequest request) {
    Platforms.validate(request.platform(), request.nativeMeetingId());
    ObjectNode data = request.data() == null ? json.createObjectNode() : request.data().deepCopy();
    data.remove("status_transition");
    data.set(
        "status_transition",
        json.createArrayNode().add(transitionEntry(null, MeetingStatus.REQUESTED, null, "api")));
    try {
      return meetings.insert(
          request.userId(),
          request.platform(),
          request.nativeMeetingId(),
          request.constructedMeetingUrl(),
          request.botContainerId(),
          data);
    } catch (DuplicateKeyException e) {
      Meeting existing =
          meetings
              .findLatest(request.userId(), request.platform(), request.nativeMeetingId())
              .orElse(null);
      throw new ProblemException(
          HttpStatus.CONFLICT,
          "meeting-already-active",
          "Meeting already active",
          "You already have a running bot for "
              + request.platform()
              + "/"
              + request.nativeMeetingId()
              + (existing == null
                  ? ""
                  : " (meeting " + existing.id() + ", " + existing.status().wire() + ")")
              + ". Stop it first.",
          existing == null
              ? Map.of()
              : Map.of("meeting_id", existing.id(), "meeting_status", existing.status().wire()));
    }
  }

  /** Any meeting by id (internal callers). */
  public Optional<Meeting> find(long id) {
    return meetings.findById(id);
  }

  /** Any meeting by id, or 404. */
  public Meeting get(long id) {
    return meetings.findById(id).orElseThrow(() -> MeetingNotFoundException.forId(id));
  }

  /** The user's meeting {@code id}, or 404 (also when it is someone else's). */
  public Meeting owned(String userId, long id) {
    return meetings
        .findById(id)
        .filter(m -> m.userId().equals(userId))
        .orElseThrow(() -> MeetingNotFoundException.forId(id));
  }

  /** The user's latest meeting for (platform, native id), or 404. */
  public Meeting latestOwned(String userId, String platform, String nativeMeetingId) {
    Platforms.validate(platform, nativeMeetingId);
    return meetings
        .findLatest(userId, platform, nativeMeetingId)
        .orElseThrow(() -> MeetingNotFoundException.forNative(platform, nativeMeetingId));
  }

  /** A page of the user's meetings, newest first. */
  public MeetingPage list(
      String userId,
      @Nullable String status,
      @Nullable String platform,
      @Nullable String nativeMeetingId,
      int limit,
      int offset) {
    if (status != null && MeetingStatus.fromWire(status).isEmpty()) {
      throw new ProblemException(
          HttpStatus.UNPROCESSABLE_CONTENT,
          "invalid-status",
          "Invalid status",
          "Unknown status '" + status.replaceAll("\\p{Cntrl}", "") + "'.");
    }
    if (platform != null) {
      Platforms.validatePlatform(platform);
    }
    List<Meeting> rows =
        meetings.list(
            userId,
            status == null ? null : MeetingStatus.fromWire(status).orElseThrow().wire(),
            platform,
            nativeMeetingId,
            limit + 1,
            offset);
    boolean hasMore = rows.size() > limit;
    return new MeetingPage(hasMore ? rows.subList(0, limit) : rows, hasMore);
  }

  /**
   * Moves the meeting to {@code target} if the status machine allows it, recording the transition
   * in {@code data.status_transition} (and {@code completion_reason} / {@code failure_stage}).
   */
  @Transactional
  public Transition transition(
      long id, MeetingStatus target, @Nullable String reason, String source) {
    Meeting before = meetings.lock(id).orElse(null);
    if (before == null) {
      return Transition.rejected(null, "unknown meeting " + id);
    }
    if (before.status() == target) {
      return Transition.unchanged(before);
    }
    if (!before.status().canMoveTo(target)) {
      return Transition.rejected(
          before, "cannot move from " + before.status().wire() + " to " + target.wire());
    }
    Instant now = clock.instant();
    ObjectNode patch = json.createObjectNode();
    if (target == MeetingStatus.COMPLETED) {
      patch.put("completion_reason", reason == null || reason.isBlank() ? "stopped" : reason);
    } else if (target == MeetingStatus.FAILED) {
      patch.put("failure_stage", before.status().wire());
      if (reason != null && !reason.isBlank()) {
        patch.put("error", reason);
      }
    }
    meetings.updateStatus(
        id,
        target,
        transitionEntry(before.status(), target, reason, source),
        patch,
        target == MeetingStatus.ACTIVE ? now : null,
        target.isFinal() ? now : null);
    Meeting after = meetings.findById(id).orElseThrow();
    events.publishEvent(new MeetingStatusChanged(after, before.status(), reason));
    log.info("Meeting {} {} -> {} ({})", id, before.status().wire(), target.wire(), source);
    return Transition.applied(before, after);
  }

  /** Records the first sign of life (a segment) as the start time; true when this call did. */
  public boolean markStarted(long id) {
    return meetings.markStarted(id, clock.instant());
  }

  /** Merges user data (name, participants, languages, notes) into the latest meeting. */
  @Transactional
  public Meeting updateData(
      String userId, String platform, String nativeMeetingId, MeetingDataUpdate update) {
    Meeting meeting = latestOwned(userId, platform, nativeMeetingId);
    ObjectNode patch = update.toPatch(json);
    if (patch.isEmpty()) {
      throw new ProblemException(
          HttpStatus.BAD_REQUEST,
          "nothing-to-update",
          "Nothing to update",
          "Send at least one of data.name, data.participants, data.languages, data.notes.");
    }
    meetings.mergeData(meeting.id(), patch);
    return meetings.findById(meeting.id()).orElseThrow();
  }

  /**
   * Deletes the transcript of a finished meeting and anonymizes its row (Vexa semantics):
   * idempotent, 409 while the meeting still runs.
   */
  @Transactional
  public String delete(String userId, String platform, String nativeMeetingId) {
    long id = latestOwned(userId, platform, nativeMeetingId).id();
    Meeting meeting = meetings.lock(id).orElseThrow(() -> MeetingNotFoundException.forId(id));
    String done =
        "Meeting " + platform + "/" + nativeMeetingId + " transcripts deleted and data anonymized";
    if (meeting.redacted()) {
      return done;
    }
    if (!meeting.status().isFinal()) {
      throw new ProblemException(
          HttpStatus.CONFLICT,
          "meeting-not-finalized",
          "Meeting not finished",
          "Meeting not finalized; cannot delete transcripts. Current status: "
              + meeting.status().wire(),
          Map.of("meeting_status", meeting.status().wire()));
    }
    jdbc.sql("DELETE FROM segments WHERE meeting_id = :id").param("id", meeting.id()).update();
    ObjectNode kept = json.createObjectNode();
    meeting
        .data()
        .properties()
        .forEach(
            e -> {
              if (KEPT_ON_DELETE.contains(e.getKey())) {
                kept.set(e.getKey(), e.getValue());
              }
            });
    kept.put("redacted", true);
    meetings.anonymize(meeting.id(), kept);
    events.publishEvent(new MeetingDeleted(meeting.id()));
    return done;
  }

  /** Marks the final flush done; true only for the one caller that did it. */
  public boolean markFinalized(long id) {
    return meetings.markFinalized(id);
  }

  /** Finished meetings still waiting for their final flush since before {@code before}. */
  public List<Long> unfinalizedBefore(Instant before, int limit) {
    return meetings.unfinalizedBefore(before, limit);
  }

  private ObjectNode transitionEntry(
      @Nullable MeetingStatus from, MeetingStatus to, @Nullable String reason, String source) {
    ObjectNode entry = json.createObjectNode();
    if (from == null) {
      entry.putNull("from");
    } else {
      entry.put("from", from.wire());
    }
    entry.put("to", to.wire());
    entry.put("timestamp", clock.instant().toString());
    if (reason != null) {
      entry.put("reason", reason);
    }
    entry.put("transition_source", source);
    return entry;
  }

  /** A page of meetings and whether more follow. */
  public record MeetingPage(List<Meeting> meetings, boolean hasMore) {}

  /**
   * The outcome of {@link #transition}.
   *
   * @param before the meeting before (null when it does not exist)
   * @param after the meeting after an applied change
   * @param rejection why the change was refused
   */
  public record Transition(
      @Nullable Meeting before, @Nullable Meeting after, @Nullable String rejection) {

    static Transition applied(Meeting before, Meeting after) {
      return new Transition(before, after, null);
    }

    static Transition unchanged(Meeting meeting) {
      return new Transition(meeting, meeting, null);
    }

    static Transition rejected(@Nullable Meeting before, String why) {
      return new Transition(before, null, why);
    }

    /** Whether the status changed. */
    public boolean changed() {
      return after != null && before != null && after.status() != before.status();
    }

    /** Whether the change was refused. */
    public boolean isRejected() {
      return rejection != null;
    }
  }
}
