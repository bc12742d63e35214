package io.budai.orchestrator.calendar;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.budai.contracts.RedisKeys;
import io.budai.contracts.dto.Attendee;
import io.budai.contracts.events.CalendarMeetingUpcoming;
import io.budai.orchestrator.OrchestratorProperties;
import io.budai.platform.bus.EventPublisher;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * Polls a connected Google Calendar ({@code events.list}, protocols.md §6b) and publishes {@code
 * calendar.meeting.upcoming} once for each timed meeting that starts within the horizon; the prep
 * workflow it starts delivers a brief the lead time before the meeting.
 *
 * <p>Each poll lists {@code timeMin=now, timeMax=now+horizon} with {@code singleEvents=true}
 * (recurrences expanded) page by page; cancelled and all-day events are skipped. An occurrence
 * (event id and start) is announced once ({@code budai:calendar:announced:*}); a moved meeting is a
 * new occurrence. The calendar's calls have a time limit and a circuit breaker; the next poll is
 * the retry.
 */
public class CalendarPoller implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(CalendarPoller.class);

  /** Prefix of the meeting ids of calendar events (they are not BudAI meetings yet). */
  static final String MEETING_PREFIX = "gcal:";

  private final OrchestratorProperties.Calendar config;
  private final RestClient rest;
  private final CircuitBreaker breaker;
  private final EventPublisher publisher;
  private final StringRedisTemplate redis;
  private final Clock clock;
  private @Nullable ScheduledExecutorService scheduler;

  public CalendarPoller(
      OrchestratorProperties.Calendar config,
      CircuitBreaker breaker,
      EventPublisher publisher,
      StringRedisTemplate redis,
      Clock clock) {
    this.config = config;
    JdkClientHttpRequestFactory factory =
        new JdkClientHttpRequestFactory(
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
    factory.setReadTimeout(Duration.ofSeconds(15));
    // A client of its own: Google's JSON is camelCase (the services' mapper is snake_case), and
    // nothing of ours (internal token, correlation id) goes to Google.
    this.rest =
        RestClient.builder()
            .baseUrl(config.baseUrl())
            .requestFactory(factory)
            .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + config.token())
            .build();
    this.breaker = breaker;
    this.publisher = publisher;
    this.redis = redis;
    this.clock = clock;
  }

  /** One poll; returns how many meetings it announced. */
  public int poll() {
    Instant now = clock.instant();
    List<Event> events;
    try {
      events = breaker.executeSupplier(() -> list(now, now.plus(config.horizon())));
    } catch (CallNotPermittedException open) {
      log.debug("Google Calendar circuit open; skipping this poll");
      return 0;
    }
    int announced = 0;
    for (Event event : events) {
      Instant startsAt = event.startsAt();
      if ("cancelled".equals(event.status()) || startsAt == null || !startsAt.isAfter(now)) {
        continue;
      }
      String occurrence = event.id() + "@" + startsAt.toEpochMilli();
      String marker = RedisKeys.calendarAnnounced(occurrence);
      if (Boolean.TRUE.equals(redis.hasKey(marker))) {
        continue;
      }
      // Publish, then mark: a crash in between announces twice, and the prep workflow's id (derived
      // from the occurrence) makes the second announcement start nothing.
      publisher.publish(
          new CalendarMeetingUpcoming(
              MEETING_PREFIX + event.id(),
              event.summary() == null || event.summary().isBlank() ? "(no title)" : event.summary(),
              startsAt,
              event.attendees(),
              event.description()),
          config.userId());
      redis
          .opsForValue()
          .set(marker, "1", Duration.between(now, startsAt).plus(Duration.ofDays(1)));
      announced++;
    }
    return announced;
  }

  private List<Event> list(Instant from, Instant to) {
    List<Event> events = new ArrayList<>();
    String pageToken = null;
    do {
      String token = pageToken;
      EventList page =
          rest.get()
              .uri(
                  uri -> {
                    uri.path("/calendars/{calendarId}/events")
                        .queryParam("timeMin", from.toString())
                        .queryParam("timeMax", to.toString())
                        .queryParam("singleEvents", "true")
                        .queryParam("orderBy", "startTime")
                        .queryParam("maxResults", "250");
                    if (token != null) {
                      uri.queryParam("pageToken", token);
                    }
                    return uri.build(config.calendarId());
                  })
              .retrieve()
              .body(EventList.class);
      if (page == null) {
        break;
      }
      if (page.items() != null) {
        page.items().stream().map(CalendarPoller::toEvent).forEach(events::add);
      }
      pageToken = page.nextPageToken();
    } while (pageToken != null && !pageToken.isBlank());
    return events;
  }

  private static Event toEvent(GoogleEvent item) {
    Instant startsAt =
        item.start() == null || item.start().dateTime() == null
            ? null
            : OffsetDateTime.parse(item.start().dateTime()).toInstant();
    List<Attendee> attendees =
        item.attendees() == null
            ? List.of()
            : item.attendees().stream()
                .filter(a -> !"declined".equals(a.responseStatus()))
                .map(
                    a ->
                        new Attendee(
                            a.displayName() != null ? a.displayName() : a.email(), a.email(), null))
                .toList();
    return new Event(
        item.id(), item.status(), item.summary(), item.description(), startsAt, attendees);
  }

  record Event(
      String id,
      @Nullable String status,
      @Nullable String summary,
      @Nullable String description,
      @Nullable Instant startsAt,
      List<Attendee> attendees) {}

  /** {@code events.list} response (the fields used). */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record EventList(@Nullable List<GoogleEvent> items, @Nullable String nextPageToken) {}

  /** A Calendar event resource (the fields used). */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record GoogleEvent(
      String id,
      @Nullable String status,
      @Nullable String summary,
      @Nullable String description,
      @Nullable EventTime start,
      @Nullable List<GoogleAttendee> attendees) {}

  /**
   * {@code start}/{@code end}: {@code dateTime} for timed events, {@code date} for all-day ones.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record EventTime(@Nullable String dateTime, @Nullable String date) {}

  /** An invited attendee. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record GoogleAttendee(
      @Nullable String email, @Nullable String displayName, @Nullable String responseStatus) {}

  @Override
  public void start() {
    ScheduledExecutorService executor =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("calendar-poller").daemon().factory());
    executor.scheduleWithFixedDelay(
        this::safePoll, 0, config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
    scheduler = executor;
  }

  private void safePoll() {
    try {
      int announced = poll();
      if (announced > 0) {
        log.info("Announced {} upcoming calendar meetings", announced);
      }
    } catch (RuntimeException e) {
      log.warn("Polling Google Calendar failed: {}", e.getMessage());
    }
  }

  @Override
  public void stop() {
    if (scheduler != null) {
      scheduler.shutdownNow();
      scheduler = null;
    }
  }

  @Override
  public boolean isRunning() {
    return scheduler != null;
  }
}
