package io.budai.communicator.conversation;

import io.budai.communicator.collector.CollectorClient;
import io.budai.communicator.meeting.MeetingQuestions;
import io.budai.contracts.dto.Answer;
import io.budai.contracts.dto.Citation;
import io.budai.contracts.dto.ConverseReply;
import io.budai.llm.CallContext;
import io.budai.llm.EngineChoice;
import io.budai.llm.answer.Passage;
import io.budai.llm.answer.PassageRetriever;
import io.budai.platform.web.ProblemException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * One message of a conversation (Slack DM, mention, API): the intent by rules — ask about a
 * meeting, list recent meetings, search, start or stop a bot, help — then a reply grounded in
 * transcript passages with citations. The meeting in focus ("meeting 42", "the last meeting", the
 * first of a listed set) is kept in the session, so follow-up questions need not repeat it.
 */
@Service
public class Conversation {

  static final String HELP =
      "I answer questions about your meetings. Try:\n"
          + "• `list my meetings`\n"
          + "• `what did we decide about the budget in meeting 42?`\n"
          + "• `search launch date`\n"
          + "• `brief me on the last meeting`\n"
          + "To record a meeting, send `/loop start <meeting link>`; `/loop stop` ends it.";

  private static final Pattern HELP_INTENT =
      Pattern.compile("(?i)^\\s*(help|\\?|what can you do\\??|commands)\\s*$");
  private static final Pattern LIST_INTENT =
      Pattern.compile("(?i)\\b(list|show|recent|my|latest)\\b.*\\bmeetings\\b|^\\s*meetings\\s*$");
  private static final Pattern SEARCH_INTENT =
      Pattern.compile("(?i)^\\s*(?:search|find|look for)(?: for)?\\s+(.+)$");
  private static final Pattern START_BOT =
      Pattern.compile(
          "(?i)\\b(join|start (?:a |the )?(?:bot|recording)|send (?:a |the )?bot|record (?:the|this|my) meeting)\\b");
  private static final Pattern STOP_BOT =
      Pattern.compile("(?i)\\b(stop|leave|end)\\b.*\\b(bot|recording)\\b");
  private static final Pattern MEETING_ID =
      Pattern.compile("(?i)\\bmeeting\\s*#?\\s*(\\d{1,18})\\b");
  private static final Pattern LAST_MEETING =
      Pattern.compile("(?i)\\b(last|latest|most recent|previous) meeting\\b");
  private static final Pattern BRIEF =
      Pattern.compile("(?i)\\b(brief|summar(?:y|ize|ise)|recap)\\b");
  private static final Pattern URL = Pattern.compile("https?://\\S+");

  private final SessionStore sessions;
  private final CollectorClient collector;
  private final MeetingQuestions questions;

  Conversation(SessionStore sessions, CollectorClient collector, MeetingQuestions questions) {
    this.sessions = sessions;
    this.collector = collector;
    this.questions = questions;
  }

  /** Handles {@code text} from {@code userId} in {@code sessionId}. */
  public ConverseReply converse(String sessionId, String userId, String text, EngineChoice engine) {
    SessionStore.Session session =
        sessions
            .find(sessionId)
            .orElse(new SessionStore.Session(sessionId, userId, null, List.of()));
    if (!session.userId().equals(userId)) {
      throw new ProblemException(
          HttpStatus.FORBIDDEN,
          "session-forbidden",
          "Not your conversation",
          "Session " + sessionId + " belongs to another user.");
    }
    String focus = session.meetingId();
    Matcher id = MEETING_ID.matcher(text);
    if (id.find()) {
      focus = id.group(1);
    } else if (LAST_MEETING.matcher(text).find()) {
      focus =
          collector.meetings(userId, 1).stream()
              .findFirst()
              .map(m -> String.valueOf(m.id()))
              .orElse(null);
    }
    Reply reply = reply(userId, text, focus, engine);
    String now = Instant.now().toString();
    sessions.save(
        session.with(
            reply.focus(),
            new SessionStore.Message("user", text, reply.intent(), now),
            new SessionStore.Message("assistant", reply.text(), reply.intent(), now)));
    return new ConverseReply(reply.text(), reply.intent(), reply.citations());
  }

  private record Reply(
      String text, String intent, List<Citation> citations, @Nullable String focus) {}

  private Reply reply(String userId, String text, @Nullable String focus, EngineChoice engine) {
    if (HELP_INTENT.matcher(text).find()) {
      return new Reply(HELP, "help", List.of(), focus);
    }
    if (STOP_BOT.matcher(text).find()) {
      return new Reply(
          "To stop recording, send `/loop stop` in the meeting's channel (or call `DELETE /bots/{platform}/{native_meeting_id}`).",
          "stop_bot",
          List.of(),
          focus);
    }
    if (START_BOT.matcher(text).find()) {
      Matcher url = URL.matcher(text);
      String how =
          url.find() ? "`/loop start " + url.group() + "`" : "`/loop start <meeting link>`";
      return new Reply(
          "To have BudAI join and record a meeting, send "
              + how
              + " in Slack (or `POST /bots` with your API key).",
          "start_bot",
          List.of(),
          focus);
    }
    if (LIST_INTENT.matcher(text).find()) {
      var meetings = collector.meetings(userId, 5);
      if (meetings.isEmpty()) {
        return new Reply("You have no meetings yet.", "list_meetings", List.of(), focus);
      }
      StringBuilder out = new StringBuilder("Your recent meetings:");
      for (var m : meetings) {
        out.append("\n• meeting ")
            .append(m.id())
            .append(" — ")
            .append(m.platform())
            .append(' ')
            .append(m.nativeMeetingId() == null ? "" : m.nativeMeetingId())
            .append(" (")
            .append(m.status())
            .append(')');
      }
      out.append("\nAsk about one with “meeting <id>”.");
      return new Reply(
          out.toString(), "list_meetings", List.of(), String.valueOf(meetings.get(0).id()));
    }
    Matcher search = SEARCH_INTENT.matcher(text);
    if (search.find()) {
      return searchReply(userId, search.group(1).strip(), "search", focus, engine);
    }
    if (focus != null) {
      if (BRIEF.matcher(text).find()) {
        var brief = questions.brief(userId, focus, engine);
        StringBuilder out =
            new StringBuilder("*Meeting ")
                .append(focus)
                .append("*: ")
                .append(brief.summary().overview());
        brief
            .summary()
            .actionItems()
            .forEach(
                a ->
                    out.append("\n• ")
                        .append(a.text())
                        .append(a.owner() == null ? "" : " — " + a.owner()));
        return new Reply(out.toString(), "ask", List.of(), focus);
      }
      Answer answer = questions.ask(userId, focus, text, engine);
      return new Reply(answer.answer(), "ask", answer.citations(), focus);
    }
    return searchReply(userId, text, "ask", null, engine);
  }

  /** Answers from the collector's search across the user's meetings. */
  private Reply searchReply(
      String userId, String query, String intent, @Nullable String focus, EngineChoice engine) {
    String terms = query.replaceAll("[?!.,;:\"“”]", " ").replaceAll("\\s+", " ").strip();
    List<CollectorClient.Hit> hits =
        terms.isEmpty() ? List.of() : collector.search(userId, or(terms), 8);
    List<Passage> passages = new ArrayList<>();
    for (CollectorClient.Hit h : hits) {
      if (h.text() != null && !h.text().isBlank()) {
        passages.add(
            new Passage(
                h.segmentId() == null ? h.meetingId() + ":" + passages.size() : h.segmentId(),
                String.valueOf(h.meetingId()),
                h.speaker() == null ? "Unknown speaker" : h.speaker(),
                h.start(),
                h.end(),
                h.text(),
                0));
      }
    }
    passages = PassageRetriever.rank(query, passages, 5);
    Answer answer =
        questions.answer(query, "your meetings", passages, engine, new CallContext(userId, focus));
    String newFocus = focus;
    if (!answer.citations().isEmpty() && answer.citations().get(0).meetingId() != null) {
      newFocus = answer.citations().get(0).meetingId();
    }
    return new Reply(answer.answer(), intent, answer.citations(), newFocus);
  }

  /** Web-search syntax: any of the question's content words ({@code a or b or c}). */
  private static String or(String text) {
    List<String> words = new ArrayList<>();
    for (String w : text.toLowerCase(Locale.ROOT).split("\\s+")) {
      if (w.length() > 2 && !io.budai.llm.text.Terms.isStopWord(w) && !w.equals("or")) {
        words.add(w);
      }
    }
    return words.isEmpty() ? text : String.join(" or ", words);
  }
}
