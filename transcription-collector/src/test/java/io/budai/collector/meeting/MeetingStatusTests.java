package io.budai.collector.meeting;

import static io.budai.collector.meeting.MeetingStatus.ACTIVE;
import static io.budai.collector.meeting.MeetingStatus.AWAITING_ADMISSION;
import static io.budai.collector.meeting.MeetingStatus.COMPLETED;
import static io.budai.collector.meeting.MeetingStatus.FAILED;
import static io.budai.collector.meeting.MeetingStatus.JOINING;
import static io.budai.collector.meeting.MeetingStatus.REQUESTED;
import static io.budai.collector.meeting.MeetingStatus.STOPPING;
import static org.assertj.core.api.Assertions.assertThat;

import io.budai.contracts.events.BotStatus;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class MeetingStatusTests {

  @Test
  void allowsVexasTransitionsAndForwardSkips() {
    assertThat(REQUESTED.canMoveTo(JOINING)).isTrue();
    assertThat(JOINING.canMoveTo(AWAITING_ADMISSION)).isTrue();
    assertThat(AWAITING_ADMISSION.canMoveTo(ACTIVE)).isTrue();
    assertThat(ACTIVE.canMoveTo(STOPPING)).isTrue();
    assertThat(STOPPING.canMoveTo(COMPLETED)).isTrue();
    assertThat(JOINING.canMoveTo(ACTIVE)).as("admitted at once").isTrue();
    assertThat(REQUESTED.canMoveTo(COMPLETED)).as("stopped before joining").isTrue();
    for (MeetingStatus status : MeetingStatus.values()) {
      assertThat(status.canMoveTo(FAILED)).isEqualTo(!status.isFinal());
    }
  }

  @Test
  void refusesBackwardsMovesAndLeavingAFinalState() {
    assertThat(ACTIVE.canMoveTo(JOINING)).isFalse();
    assertThat(STOPPING.canMoveTo(ACTIVE)).isFalse();
    assertThat(COMPLETED.canMoveTo(ACTIVE)).isFalse();
    assertThat(FAILED.canMoveTo(COMPLETED)).isFalse();
    assertThat(COMPLETED.canMoveTo(COMPLETED)).isFalse();
  }

  @Test
  void mapsEveryBotStatusOfTheEventCatalogue() {
    for (BotStatus status : BotStatus.values()) {
      assertThat(MeetingStatus.fromBotStatus(status.name().toLowerCase(Locale.ROOT)))
          .as(status.name())
          .isPresent();
    }
    assertThat(MeetingStatus.fromBotStatus("in_call")).contains(ACTIVE);
    assertThat(MeetingStatus.fromBotStatus("leaving")).contains(STOPPING);
    assertThat(MeetingStatus.fromBotStatus("ended")).contains(COMPLETED);
    assertThat(MeetingStatus.fromBotStatus("awaiting_admission")).contains(AWAITING_ADMISSION);
    assertThat(MeetingStatus.fromBotStatus("dancing")).isEmpty();
  }
}
