package io.budai.slack.events;

import io.budai.contracts.events.ApiKeyRevoked;
import io.budai.contracts.events.EventEnvelope;
import io.budai.contracts.events.FollowupSent;
import io.budai.contracts.events.MeetingCompleted;
import io.budai.contracts.events.SummaryGenerated;
import io.budai.contracts.events.VoiceCallEnded;
import io.budai.platform.bus.EventHandler;
import io.budai.slack.account.AccountLinks;
import io.budai.slack.api.SlackApi;
import io.budai.slack.api.SlackCallException;
import io.budai.slack.home.AppHome;
import io.budai.slack.home.SummaryArchive;
import io.budai.slack.meeting.MeetingControl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What this service does with other services' events: calls ended elsewhere are ended in Slack too;
 * summaries are kept for the App Home; a delivered follow-up refreshes its owner's App Home; a
 * completed meeting frees its channel; a revoked API key unlinks the Slack users who linked it.
 * Every handler is idempotent (the bus also skips events this group has handled).
 */
@Component
class BusHandlers {

  private static final Logger log = LoggerFactory.getLogger(BusHandlers.class);

  private final MeetingControl meetings;
  private final SummaryArchive archive;
  private final AccountLinks links;
  private final AppHome home;
  private final SlackApi slack;

  BusHandlers(
      MeetingControl meetings,
      SummaryArchive archive,
      AccountLinks links,
      AppHome home,
      SlackApi slack) {
    this.meetings = meetings;
    this.archive = archive;
    this.links = links;
    this.home = home;
    this.slack = slack;
  }

  /**
   * voice-realtime ended a call (its audio stopped): end it in Slack as well. Our own {@code
   * voice.call.ended} finds the channel's session gone already and does nothing.
   */
  @EventHandler
  void onCallEnded(VoiceCallEnded event) {
    if (slack.configured()) {
      meetings.callEnded(event);
    }
  }

  @EventHandler
  void onSummary(EventEnvelope<SummaryGenerated> envelope) {
    archive.remember(envelope.userId(), null, null, envelope.payload().summary());
  }

  @EventHandler
  void onFollowupSent(EventEnvelope<FollowupSent> envelope) {
    if (envelope.userId() == null || !slack.configured()) {
      return;
    }
    for (AccountLinks.SlackUserRef user : links.slackUsersOf(envelope.userId())) {
      try {
        home.publish(user.teamId(), user.slackUserId());
      } catch (SlackCallException e) {
        // The Home tab is rebuilt whenever it is opened; a missed refresh is not worth a retry.
        log.info("App Home refresh for {} failed: {}", user.slackUserId(), e.error());
      }
    }
  }

  @EventHandler
  void onMeetingCompleted(MeetingCompleted event) {
    if (event.slackChannelId() != null) {
      meetings.meetingCompleted(event.slackChannelId(), event.meetingId());
    }
  }

  @EventHandler
  void onKeyRevoked(ApiKeyRevoked event) {
    int removed = links.unlinkKey(event.tokenHash());
    if (removed > 0) {
      log.info("Unlinked {} Slack user(s) whose API key was revoked", removed);
    }
  }
}
