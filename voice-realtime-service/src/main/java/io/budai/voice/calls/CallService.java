package io.budai.voice.calls;

import io.budai.contracts.events.BotStatus;
import io.budai.contracts.events.BotStatusChanged;
import io.budai.contracts.events.DomainEvent;
import io.budai.contracts.events.EventEnvelope;
import io.budai.contracts.events.VoiceCallEnded;
import io.budai.contracts.events.VoiceCallStarted;
import io.budai.platform.bus.EventHandler;
import io.budai.voice.VoiceProperties;
import io.budai.voice.auth.Caller;
import io.budai.voice.auth.MeetingDirectory;
import io.budai.voice.auth.MeetingInfo;
import io.budai.voice.ws.CallAccess;
import io.budai.voice.ws.StreamRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Starts, joins and ends voice calls.
 *
 * <ul>
 *   <li>{@code voice.call.started} from Slack ({@code /loop start} without a URL): creates the
 *       meeting at the collector (platform {@code budai.voice.calls.platform}, native id = the call
 *       id, the Slack channel in its data so the summary goes back there) and registers the call
 *       under Slack's join URL. {@code POST /api/calls} does the same for an API user and publishes
 *       {@code voice.call.started} itself.
 *   <li>The first stream to join moves the meeting to active; the end (someone ended it, the last
 *       stream left more than {@code grace} ago, or nobody joined within {@code join-timeout})
 *       publishes {@code voice.call.ended} and moves the meeting to completed (failed when nobody
 *       ever joined), in one script with the state change. voice-realtime is the capture agent of a
 *       call, so it reports the meeting's lifecycle the way a meeting bot does: {@code
 *       bot.status.changed} ({@code in_call}, {@code ended}) for the bot {@code voice-<call id>}.
 *   <li>A sweep on every replica keeps heartbeats of its streams, ends idle calls (exactly one
 *       replica wins) and stops local streams of calls another replica ended.
 * </ul>
 */
@Service
public class CallService implements CallAccess {

  private static final Logger log = LoggerFactory.getLogger(CallService.class);

  private final CallStore store;
  private final MeetingDirectory meetings;
  private final StreamRegistry streams;
  private final VoiceProperties.Calls settings;
  private final MeterRegistry meters;
  private final String source;
  private final Clock clock = Clock.systemUTC();
  // stream uid → call id, for the streams of calls open on this instance
  private final ConcurrentMap<String, String> localStreams = new ConcurrentHashMap<>();

  CallService(
      CallStore store,
      MeetingDirectory meetings,
      StreamRegistry streams,
      VoiceProperties properties,
      MeterRegistry meters,
      @Value("${spring.application.name}") String source) {
    this.store = store;
    this.meetings = meetings;
    this.streams = streams;
    this.settings = properties.calls();
    this.meters = meters;
    this.source = source;
  }

  /** Starts a call for an API user: meeting, call, {@code voice.call.started}. */
  Call start(String userId, @Nullable String title) {
    String callId = UUID.randomUUID().toString();
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("call_id", callId);
    data.put("source", "api");
    if (title != null) {
      data.put("name", title);
    }
    MeetingInfo meeting = meetings.create(userId, settings.platform(), callId, data);
    Instant now = clock.instant();
    Call call =
        new Call(
            callId,
            meeting.id(),
            userId,
            meeting.platform(),
            null,
            userId,
            settings.joinUrl(callId),
            title,
            Call.ACTIVE,
            now,
            null,
            now,
            null,
            null);
    store.create(
        call,
        List.of(new VoiceCallStarted(callId, meeting.id(), null, userId, call.joinUrl())),
        userId);
    log.info("Call {} started by user {} (meeting {})", callId, userId, meeting.id());
    return call;
  }

  Optional<Call> find(String callId) {
    return store.find(callId);
  }

  /**
   * Ends an active call: completes its meeting and, when {@code announce}, publishes {@code
   * voice.call.ended}. Returns false when it was not active.
   */
  boolean end(Call call, String reason, boolean announce) {
    Instant now = clock.instant();
    List<DomainEvent> events = new ArrayList<>();
    if (announce) {
      events.add(
          new VoiceCallEnded(
              call.callId(), call.meetingId(), call.channelId(), call.startedBy(), now));
    }
    // A call nobody joined recorded nothing: its meeting fails instead of completing (no summary).
    BotStatus status = call.joinedAt() != null ? BotStatus.ENDED : BotStatus.FAILED;
    events.add(new BotStatusChanged(botId(call), call.meetingId(), status, reason));
    boolean ended = store.end(call, now, reason, events);
    if (ended) {
      meters.counter("voice.calls.ended", "reason", reason).increment();
      log.info("Call {} ended: {}", call.callId(), reason);
      streams.stopAll(call.meetingId(), "call_ended");
    }
    return ended;
  }

  @Override
  public Optional<Grant> join(String callId) {
    return store
        .find(callId)
        .filter(Call::active)
        .map(
            call ->
                new Grant(
                    new Caller(call.userId(), Set.of(), "call"),
                    new MeetingInfo(call.meetingId(), call.platform(), call.callId(), "active")));
  }

  // --- events from other services ---------------------------------------------------------

  @EventHandler
  void onCallStarted(EventEnvelope<VoiceCallStarted> envelope) {
    VoiceCallStarted started = envelope.payload();
    if (source.equals(envelope.source()) || store.find(started.callId()).isPresent()) {
      return;
    }
    String userId = envelope.userId() != null ? envelope.userId() : started.startedBy();
    if (userId == null || userId.isBlank()) {
      meters.counter("voice.calls.rejected", "reason", "no_user").increment();
      log.warn(
          "voice.call.started {} names no BudAI user; it cannot own a meeting", started.callId());
      return;
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("call_id", started.callId());
    data.put("source", envelope.source());
    data.put("external_meeting_id", started.meetingId());
    if (started.channelId() != null) {
      data.put("slack_channel_id", started.channelId());
    }
    // Throws while the collector is down: the bus redelivers, and a meeting created by an earlier
    // delivery is found again by its native id.
    MeetingInfo meeting = meetings.create(userId, settings.platform(), started.callId(), data);
    Instant now = clock.instant();
    Call call =
        new Call(
            started.callId(),
            meeting.id(),
            userId,
            meeting.platform(),
            started.channelId(),
            started.startedBy(),
            started.joinUrl() != null ? started.joinUrl() : settings.joinUrl(started.callId()),
            null,
            Call.ACTIVE,
            now,
            null,
            now,
            null,
            null);
    if (store.create(call, List.of(), userId)) {
      log.info(
          "Call {} from {} registered (meeting {}, channel {})",
          call.callId(),
          envelope.source(),
          meeting.id(),
          call.channelId());
    }
  }

  @EventHandler
  void onCallEnded(EventEnvelope<VoiceCallEnded> envelope) {
    if (source.equals(envelope.source())) {
      return;
    }
    store
        .find(envelope.payload().callId())
        .filter(Call::active)
        .ifPresent(call -> end(call, "ended_by_" + envelope.source(), false));
  }

  // --- streams ----------------------------------------------------------------------------

  @EventListener
  void onStreamOpened(StreamRegistry.StreamOpened opened) {
    store
        .callOfMeeting(opened.meetingId())
        .flatMap(store::find)
        .filter(Call::active)
        .ifPresent(
            call -> {
              Instant now = clock.instant();
              localStreams.put(opened.uid(), call.callId());
              store.heartbeat(call.callId(), opened.uid(), now, true);
              store.joined(
                  call.callId(),
                  now,
                  List.of(
                      new BotStatusChanged(
                          botId(call), call.meetingId(), BotStatus.IN_CALL, "first_stream")));
            });
  }

  @EventListener
  void onStreamClosed(StreamRegistry.StreamClosed closed) {
    String callId = localStreams.remove(closed.uid());
    if (callId != null) {
      store.left(callId, closed.uid(), clock.instant());
    }
  }

  /** Heartbeats of local streams, then the end of idle calls and of streams of ended calls. */
  @Scheduled(
      fixedDelayString = "${budai.voice.calls.sweep:5s}",
      initialDelayString = "${budai.voice.calls.sweep:5s}")
  void sweep() {
    try {
      Instant now = clock.instant();
      localStreams.forEach((uid, callId) -> store.heartbeat(callId, uid, now, false));
      for (String callId : Set.copyOf(localStreams.values())) {
        store
            .find(callId)
            .filter(call -> !call.active())
            .ifPresent(call -> streams.stopAll(call.meetingId(), "call_ended"));
      }
      Instant staleBefore = now.minus(staleAfter());
      for (String callId : store.openCallIds()) {
        Optional<Call> found = store.find(callId);
        if (found.isEmpty()) {
          store.forget(callId);
          continue;
        }
        Call call = found.get();
        if (!call.active() || store.liveStreams(callId, staleBefore) > 0) {
          continue;
        }
        Duration idle = Duration.between(call.lastActivity(), now);
        if (call.joinedAt() != null && idle.compareTo(settings.grace()) >= 0) {
          end(call, "last_stream_left", true);
        } else if (call.joinedAt() == null && idle.compareTo(settings.joinTimeout()) >= 0) {
          end(call, "nobody_joined", true);
        }
      }
    } catch (RuntimeException e) {
      log.warn("Call sweep failed; the next one retries: {}", e.toString());
    }
  }

  private Duration staleAfter() {
    Duration threeBeats = settings.sweep().multipliedBy(3);
    return threeBeats.compareTo(Duration.ofSeconds(15)) > 0 ? threeBeats : Duration.ofSeconds(15);
  }

  private static String botId(Call call) {
    return "voice-" + call.callId();
  }
}
