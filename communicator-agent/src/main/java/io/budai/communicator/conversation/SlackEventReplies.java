package io.budai.communicator.conversation;

import io.budai.communicator.CommunicatorProperties;
import io.budai.contracts.BudaiHeaders;
import io.budai.contracts.dto.Citation;
import io.budai.contracts.dto.ConverseReply;
import io.budai.contracts.events.EventEnvelope;
import io.budai.contracts.events.SlackEvent;
import io.budai.llm.DefaultEngine;
import io.budai.platform.bus.EventHandler;
import io.budai.platform.http.ServiceClient;
import io.budai.platform.http.ServiceClients;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * Answers Slack DMs and mentions: each {@code slack.event} from a linked user runs through the
 * conversation (session {@code slack:{team}:{channel}:{thread}}) and the reply is posted in the
 * thread through slack-integration's {@code POST /messages}, with the event id as idempotency key
 * so a redelivered event is not answered twice. Events from unlinked users get a hint to link.
 */
@Component
class SlackEventReplies {

  private static final Logger log = LoggerFactory.getLogger(SlackEventReplies.class);

  private final Conversation conversation;
  private final DefaultEngine engine;
  private final ServiceClient slack;

  SlackEventReplies(
      Conversation conversation,
      DefaultEngine engine,
      ServiceClients clients,
      CommunicatorProperties properties) {
    this.conversation = conversation;
    this.engine = engine;
    this.slack = clients.client("slack-integration", properties.slackUrl(), Duration.ofSeconds(10));
  }

  @EventHandler
  void on(EventEnvelope<SlackEvent> envelope) {
    SlackEvent e = envelope.payload();
    if (e.user() == null || e.text() == null || e.text().isBlank()) {
      return;
    }
    String thread = e.threadTs() != null ? e.threadTs() : e.ts();
    String text;
    if (envelope.userId() == null) {
      text = "Link your BudAI account first: send `/loop link <your API key>`.";
    } else {
      String session =
          "slack:"
              + e.teamId()
              + ":"
              + e.channel()
              + ":"
              + ("message".equals(e.eventType()) && e.threadTs() == null ? "dm" : thread);
      ConverseReply reply =
          conversation.converse(session, envelope.userId(), e.text().strip(), engine.choice());
      text = render(reply);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("channel", e.channel());
    body.put("text", text);
    body.put("thread_ts", thread);
    if (envelope.userId() != null) {
      body.put("user_id", envelope.userId());
    }
    slack.call(
        true,
        rest ->
            rest.post()
                .uri("/messages")
                .header(BudaiHeaders.IDEMPOTENCY_KEY, "reply:" + e.eventId())
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .retrieve()
                .toBodilessEntity());
    log.debug("Answered Slack event {} in {}", e.eventId(), e.channel());
  }

  static String render(ConverseReply reply) {
    StringBuilder out = new StringBuilder(reply.reply());
    if (!reply.citations().isEmpty()) {
      out.append("\n\n_Sources:_");
      for (Citation c : reply.citations()) {
        out.append("\n> ").append(c.speaker());
        if (c.start() != null) {
          long s = Math.round(c.start());
          out.append(String.format(" at %d:%02d", s / 60, s % 60));
        }
        if (c.meetingId() != null) {
          out.append(" (meeting ").append(c.meetingId()).append(')');
        }
      }
    }
    return out.length() > 3900 ? out.substring(0, 3899) + "…" : out.toString();
  }
}
