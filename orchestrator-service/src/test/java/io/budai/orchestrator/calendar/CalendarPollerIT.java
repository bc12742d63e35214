package io.budai.orchestrator.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.budai.contracts.BudaiHeaders;
import io.budai.contracts.events.CalendarMeetingUpcoming;
import io.budai.contracts.events.WorkflowStateChanged;
import io.budai.orchestrator.support.EventLog;
import io.budai.orchestrator.support.FakeAgents;
import io.budai.orchestrator.support.FakeServer;
import io.budai.orchestrator.support.Orchestrator;
import io.budai.orchestrator.workflow.Step;
import io.budai.orchestrator.workflow.Workflow;
import io.budai.orchestrator.workflow.WorkflowStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The calendar poller against a fake Google Calendar {@code events.list} (paged), and the prep
 * workflows it starts: a brief delivered the lead time before each meeting, once.
 */
class CalendarPollerIT {

  static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  static final String SOON = NOW.plus(Duration.ofMinutes(30)).toString();
  static final String LATER = NOW.plus(Duration.ofMinutes(50)).toString();
  static final Instant FAR = NOW.plus(Duration.ofMinutes(100));

  static FakeAgents agents;
  static FakeServer google;
  static Orchestrator orchestrator;

  @BeforeAll
  static void start() {
    agents = new FakeAgents();
    google = new FakeServer("google-calendar");
    google.route(
        "GET",
        "/calendar/v3/calendars/primary/events",
        request -> {
          if (!"Bearer cal-token".equals(request.header("Authorization"))) {
            return FakeServer.Response.json(401, "{\"error\":{\"code\":401}}");
          }
          return FakeServer.Response.json(
              200, request.path().contains("pageToken=p2") ? page2() : page1());
        });
    Map<String, String> props = Orchestrator.defaults(agents);
    props.put("budai.orchestrator.calendar.token", "cal-token");
    props.put("budai.orchestrator.calendar.user-id", "u-cal");
    props.put("budai.orchestrator.calendar.base-url", google.url() + "/calendar/v3");
    props.put("budai.orchestrator.calendar.poll-interval", "200ms");
    props.put("budai.orchestrator.prep-lead-time", "PT1H");
    props.put("budai.orchestrator.delivery.user-channels", "u-other=C-OTHER, u-cal=C-CAL");
    orchestrator = Orchestrator.start(props);
    Orchestrator.clearTimers(orchestrator.redis());
  }

  @AfterAll
  static void stop() {
    orchestrator.close();
    google.close();
    agents.close();
  }

  static String page1() {
    return """
        {"kind":"calendar#events","nextPageToken":"p2","items":[
          {"id":"ev-soon","status":"confirmed","summary":"Design review","description":"API v2 naming",
           "start":{"dateTime":"%s"},"end":{"dateTime":"%s"},
           "attendees":[{"email":"alice@example.com","displayName":"Alice","responseStatus":"accepted"},
                        {"email":"carol@example.com","displayName":"Carol","responseStatus":"declined"}]},
          {"id":"ev-cancelled","status":"cancelled","summary":"Dropped","start":{"dateTime":"%s"}},
          {"id":"ev-allday","status":"confirmed","summary":"Offsite","start":{"date":"2030-01-01"}}]}
        """
        .formatted(SOON, LATER, LATER);
  }

  static String page2() {
    return """
        {"kind":"calendar#events","items":[
          {"id":"ev-later","status":"confirmed","summary":"1:1","start":{"dateTime":"%s"},
           "attendees":[{"email":"bob@example.com","responseStatus":"needsAction"}]},
          {"id":"ev-far","status":"tentative","summary":"Planning","start":{"dateTime":"%s"}}]}
        """
        .formatted(LATER, FAR);
  }

  @Test
  void announcesEachUpcomingMeetingOnceAndDeliversItsBriefTheLeadTimeBefore() {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                prepWorkflows().stream()
                        .filter(wf -> wf.status() == WorkflowStatus.COMPLETED)
                        .count()
                    == 2);
    // more polls happen, and still each meeting is announced once
    int polls = google.requests("GET", "/calendar/v3/calendars/primary/events").size();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                google.requests("GET", "/calendar/v3/calendars/primary/events").size()
                    >= polls + 4);

    List<CalendarMeetingUpcoming> announced =
        EventLog.of(orchestrator.redis(), CalendarMeetingUpcoming.class);
    assertThat(announced)
        .extracting(CalendarMeetingUpcoming::meetingId)
        .containsExactlyInAnyOrder("gcal:ev-soon", "gcal:ev-later", "gcal:ev-far");
    CalendarMeetingUpcoming soon =
        announced.stream()
            .filter(e -> e.meetingId().equals("gcal:ev-soon"))
            .findFirst()
            .orElseThrow();
    assertThat(soon.title()).isEqualTo("Design review");
    assertThat(soon.startsAt()).isEqualTo(Instant.parse(SOON));
    assertThat(soon.description()).isEqualTo("API v2 naming");
    assertThat(soon.attendees()).extracting(a -> a.email()).containsExactly("alice@example.com");

    List<Workflow> preps = prepWorkflows();
    assertThat(preps).extracting(Workflow::userId).containsOnly("u-cal");
    Workflow far =
        preps.stream().filter(wf -> wf.meetingId().equals("gcal:ev-far")).findFirst().orElseThrow();
    assertThat(far.status()).isEqualTo(WorkflowStatus.WAITING);
    assertThat(far.step()).isEqualTo(Step.BRIEF);
    assertThat(far.dueAt()).isEqualTo(FAR.minus(Duration.ofHours(1)));

    List<JsonNode> posts =
        agents.slackPosts().stream()
            .filter(p -> p.path("text").asString().startsWith("*Coming up"))
            .toList();
    assertThat(posts).hasSize(2);
    assertThat(posts).allSatisfy(p -> assertThat(p.path("channel").asString()).isEqualTo("C-CAL"));
    JsonNode review =
        posts.stream()
            .filter(p -> p.path("text").asString().contains("Design review"))
            .findFirst()
            .orElseThrow();
    assertThat(review.path("text").asString())
        .contains("Alice <alice@example.com>")
        .doesNotContain("Carol")
        .contains("Agenda: API v2 naming");
    assertThat(review.path("blocks").get(0).path("text").path("text").asString())
        .isEqualTo("Coming up: Design review");

    FakeServer.Request first = google.requests().getFirst();
    assertThat(first.path())
        .contains("singleEvents=true")
        .contains("orderBy=startTime")
        .contains("timeMin=")
        .contains("timeMax=");
    assertThat(google.requests()).anyMatch(r -> r.path().contains("pageToken=p2"));
    assertThat(first.header(BudaiHeaders.INTERNAL_TOKEN)).isNull();
  }

  static List<Workflow> prepWorkflows() {
    return EventLog.of(orchestrator.redis(), WorkflowStateChanged.class).stream()
        .filter(e -> "prep".equals(e.kind()) && e.from() == null)
        .map(e -> orchestrator.workflow(e.workflowId()).orElseThrow())
        .toList();
  }
}
