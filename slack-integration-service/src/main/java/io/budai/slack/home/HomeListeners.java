package io.budai.slack.home;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.App;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.event.AppHomeOpenedEvent;
import io.budai.slack.api.SlackApi;
import io.budai.slack.api.SlackCallException;
import io.budai.slack.blocks.Replies;
import io.budai.slack.blocks.SummaryBlocks;
import io.budai.slack.command.LoopActions;
import io.budai.slack.config.BackgroundTasks;
import io.budai.slack.ingress.SlackListeners;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code app_home_opened} → publish the Home tab; the buttons of the Home tab and of summary
 * messages: view (DM a copy), re-run (ask the orchestrator), stop, and the link button (ack only).
 * Each is acked at once; the work runs in the background.
 */
@Component
class HomeListeners implements SlackListeners {

  private static final Logger log = LoggerFactory.getLogger(HomeListeners.class);

  private final AppHome home;
  private final LoopActions actions;
  private final BackgroundTasks tasks;
  private final SlackApi slack;

  HomeListeners(AppHome home, LoopActions actions, BackgroundTasks tasks, SlackApi slack) {
    this.home = home;
    this.actions = actions;
    this.tasks = tasks;
    this.slack = slack;
  }

  @Override
  public void register(App app) {
    app.event(
        AppHomeOpenedEvent.class,
        (payload, ctx) -> {
          AppHomeOpenedEvent event = payload.getEvent();
          if (event.getTab() == null || "home".equals(event.getTab())) {
            String team = payload.getTeamId();
            tasks.submit("app home", () -> publish(team, event.getUser()));
          }
          return ctx.ack();
        });
    app.blockAction(
        SummaryBlocks.VIEW_ACTION,
        (request, ctx) -> {
          BlockActionPayload p = request.getPayload();
          String meetingId = value(p);
          tasks.submit(
              "view summary",
              () ->
                  answer(
                      p,
                      actions.sendCopy(
                          p.getTeam().getId(), p.getUser().getId(), meetingId, actionTs(p))));
          return ctx.ack();
        });
    app.blockAction(
        SummaryBlocks.RERUN_ACTION,
        (request, ctx) -> {
          BlockActionPayload p = request.getPayload();
          String meetingId = value(p);
          String channel = p.getChannel() == null ? null : p.getChannel().getId();
          tasks.submit(
              "re-run summary",
              () ->
                  answer(
                      p,
                      actions.rerunSummary(
                          p.getTeam().getId(),
                          p.getUser().getId(),
                          meetingId,
                          channel,
                          p.getResponseUrl())));
          return ctx.ack();
        });
    app.blockAction(
        AppHome.STOP_ACTION,
        (request, ctx) -> {
          BlockActionPayload p = request.getPayload();
          String channel = value(p);
          tasks.submit(
              "stop from home",
              () -> {
                answer(p, actions.stop(p.getTeam().getId(), p.getUser().getId(), channel));
                publish(p.getTeam().getId(), p.getUser().getId());
              });
          return ctx.ack();
        });
    // A link button opens its URL in the browser; Slack still tells us, and wants an ack.
    app.blockAction(SummaryBlocks.OPEN_ACTION, (request, ctx) -> ctx.ack());
  }

  private void publish(String teamId, String slackUserId) {
    try {
      home.publish(teamId, slackUserId);
    } catch (SlackCallException e) {
      log.warn("views.publish for {} failed: {}", slackUserId, e.error());
    }
  }

  /**
   * Shows the outcome of a button: through the message's {@code response_url} when the button was
   * in a message; from the Home tab (which has none) the Home tab itself reflects the change.
   */
  private void answer(BlockActionPayload payload, List<LayoutBlock> blocks) {
    if (payload.getResponseUrl() != null) {
      // replace_original false: the summary message the button sits in must stay.
      slack.respond(payload.getResponseUrl(), blocks, Replies.fallback(blocks), false);
    } else {
      log.info("{} from the Home tab: {}", payload.getUser().getId(), Replies.fallback(blocks));
    }
  }

  private static String value(BlockActionPayload payload) {
    String value = payload.getActions().getFirst().getValue();
    return value == null ? "" : value;
  }

  private static String actionTs(BlockActionPayload payload) {
    @Nullable String ts = payload.getActions().getFirst().getActionTs();
    return ts == null ? Long.toString(System.nanoTime()) : ts;
  }
}
