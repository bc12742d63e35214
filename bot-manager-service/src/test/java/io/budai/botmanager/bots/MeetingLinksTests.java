package io.budai.botmanager.bots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.budai.botmanager.BotManagerProperties;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class MeetingLinksTests {

  private final MeetingLinks links =
      new MeetingLinks(
          new Binder(
                  new MapConfigurationPropertySource(
                      Map.of("bots.jitsi-hosts", "meet.jit.si,jitsi.example.org")))
              .bindOrCreate("bots", BotManagerProperties.class));

  @Test
  void parsesGoogleMeetCodesAndLinks() {
    assertThat(links.resolve(null, null, "https://meet.google.com/ABC-defg-hij?authuser=0", null))
        .isEqualTo(
            new MeetingLinks.Resolved(
                "google_meet", "abc-defg-hij", "https://meet.google.com/abc-defg-hij", null));
    assertThat(links.resolve("google_meet", "abc-defg-hij", null, null).url())
        .isEqualTo("https://meet.google.com/abc-defg-hij");
    assertThatThrownBy(() -> links.resolve("google_meet", "abc_defg_hij", null, null))
        .isInstanceOf(InvalidBotRequestException.class);
  }

  @Test
  void parsesTeamsLinksWithTheirPasscodeOrThreadId() {
    MeetingLinks.Resolved shortLink =
        links.resolve(
            null, null, "https://teams.live.com/meet/9398850880426?p=RBZCWdxyp85TCcKKcZ", null);
    assertThat(shortLink.platform()).isEqualTo("teams");
    assertThat(shortLink.nativeMeetingId()).isEqualTo("9398850880426");
    assertThat(shortLink.passcode()).isEqualTo("RBZCWdxyp85TCcKKcZ");

    MeetingLinks.Resolved joinLink =
        links.resolve(
            null,
            null,
            "https://teams.microsoft.com/l/meetup-join/19%3ameeting_NzI2YTRhZjYtZDk3@thread.v2/0?context=%7b%7d",
            null);
    assertThat(joinLink.nativeMeetingId()).isEqualTo("19:meeting_NzI2YTRhZjYtZDk3@thread.v2");
    assertThat(links.resolve("teams", "9398850880426", null, "abcd1234").url())
        .isEqualTo("https://teams.live.com/meet/9398850880426?p=abcd1234");
    assertThatThrownBy(() -> links.resolve("teams", "9398850880426", null, "short"))
        .hasMessageContaining("8–20");
  }

  @Test
  void parsesZoomAndJitsiLinks() {
    MeetingLinks.Resolved zoom =
        links.resolve(null, null, "https://us02web.zoom.us/j/85012345678?pwd=abcXYZ", null);
    assertThat(zoom)
        .isEqualTo(
            new MeetingLinks.Resolved(
                "zoom",
                "85012345678",
                "https://us02web.zoom.us/j/85012345678?pwd=abcXYZ",
                "abcXYZ"));
    assertThat(
            links.resolve(null, null, "https://meet.jit.si/BudAIStandup", null).nativeMeetingId())
        .isEqualTo("BudAIStandup");
    assertThat(links.resolve(null, null, "https://jitsi.example.org/team", null).nativeMeetingId())
        .isEqualTo("team@jitsi.example.org");
    assertThatThrownBy(() -> links.resolve("jitsi", "room@evil.example.com", null, null))
        .hasMessageContaining("not allowed");
  }

  @Test
  void refusesLinksThatPointAtNoMeetingService() {
    assertThatThrownBy(() -> links.resolve(null, null, "ftp://meet.google.com/abc-defg-hij", null))
        .hasMessageContaining("https://");
    assertThatThrownBy(() -> links.resolve(null, null, "https://10.0.0.1/j/123456789", null))
        .hasMessageContaining("IP address");
    assertThatThrownBy(() -> links.resolve(null, null, "https://[::1]/x", null))
        .hasMessageContaining("IP address");
    assertThatThrownBy(
            () -> links.resolve("zoom", null, "https://meet.google.com/abc-defg-hij", null))
        .hasMessageContaining("not zoom");
    assertThatThrownBy(() -> links.resolve("google_meet", "abc\u0000defg", null, null))
        .hasMessageContaining("control characters");
  }
}
