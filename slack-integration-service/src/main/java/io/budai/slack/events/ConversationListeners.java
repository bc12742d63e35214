package io.budai.slack.events;

import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.EventContext;
import com.slack.api.model.event.AppMentionEvent;
import com.slack.api.model.event.MessageEvent;
import io.budai.contracts.events.SlackEvent;
import io.budai.platform.bus.EventPublisher;
import io.budai.slack.account.AccountLinks;
import io.budai.slack.account.LinkedAccount;
import io.budai.slack.ingress.SlackListeners;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Mentions of the app ({@code app_mention}) and direct messages to it ({@code message.im}) become
 * {@code slack.event}s, which communicator-agent answers in the thread through {@code POST
 * /messages}. The event carries the linked BudAI user (envelope {@code user_id}) when there is one.
 * Publishing is one Redis write, so it runs before the ack: if Redis is down Slack gets a 5xx and
 * retries, and the event is not lost. Messages from bots (our own included) and edits are ignored.
 */
@Component
class ConversationListeners implements SlackListeners {

  private final EventPublisher events;
  private final AccountLinks links;

  ConversationListeners(EventPublisher events, AccountLinks links) {
    this.events = events;
    this.links = links;
  }

  @Override
  public void register(App app) {
    app.event(
        AppMentionEvent.class,
        (payload, ctx) -> {
          AppMentionEvent e = payload.getEvent();
          if (e.getBotId() == null && e.getUser() != null) {
            publish(
                payload.getEventId(),
                payload.getTeamId(),
                "app_mention",
                e.getUser(),
                e.getChannel(),
                withoutBotMention(e.getText(), ctx),
                e.getTs(),
                e.getThreadTs());
          }
          return ctx.ack();
        });
    app.event(
        MessageEvent.class,
        (payload, ctx) -> {
          MessageEvent e = payload.getEvent();
          if ("im".equals(e.getChannelType())
              && e.getBotId() == null
              && e.getSubtype() == null
              && e.getUser() != null) {
            publish(
                payload.getEventId(),
                payload.getTeamId(),
                "message.im",
                e.getUser(),
                e.getChannel(),
                e.getText(),
                e.getTs(),
                e.getThreadTs());
          }
          return ctx.ack();
        });
  }

  private void publish(
      String eventId,
      String teamId,
      String type,
      String user,
      String channel,
      @Nullable String text,
      String ts,
      @Nullable String threadTs) {
    String userId = links.find(teamId, user).map(LinkedAccount::userId).orElse(null);
    events.publish(
        new SlackEvent(eventId, teamId, type, user, channel, text, ts, threadTs), userId);
  }

  /** "<@UBOT> what did we decide?" → "what did we decide?" */
  static @Nullable String withoutBotMention(@Nullable String text, EventContext ctx) {
    if (text == null || ctx.getBotUserId() == null) {
      return text;
    }
    return text.replace("<@" + ctx.getBotUserId() + ">", "").strip();
  }
}
