package io.budai.slack.command;

import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.app_backend.slash_commands.response.SlashCommandResponse;
import com.slack.api.bolt.App;
import com.slack.api.model.block.LayoutBlock;
import io.budai.platform.web.CorrelationIds;
import io.budai.slack.api.SlackApi;
import io.budai.slack.blocks.Replies;
import io.budai.slack.config.BackgroundTasks;
import io.budai.slack.ingress.SlackListeners;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The {@code /loop} slash command (whatever name the workspace gave it). Help and usage errors are
 * answered in the acknowledgement itself; everything else is acknowledged at once with a "working"
 * line (well inside Slack's 3 seconds) and finished in the background, the result replacing that
 * line through the command's {@code response_url}. Every answer is ephemeral Block Kit.
 */
@Component
class LoopCommandListener implements SlackListeners {

  private static final Logger log = LoggerFactory.getLogger(LoopCommandListener.class);
  private static final Pattern ANY_COMMAND = Pattern.compile("^/.+$");

  private final LoopActions actions;
  private final BackgroundTasks tasks;
  private final SlackApi slack;

  LoopCommandListener(LoopActions actions, BackgroundTasks tasks, SlackApi slack) {
    this.actions = actions;
    this.tasks = tasks;
    this.slack = slack;
  }

  @Override
  public void register(App app) {
    app.command(
        ANY_COMMAND,
        (request, ctx) -> {
          SlashCommandPayload payload = request.getPayload();
          String text = payload.getText() == null ? "" : payload.getText();
          LoopCommand command = LoopCommand.parse(text);
          List<LayoutBlock> immediate = actions.immediate(command);
          if (immediate != null) {
            return ctx.ack(ephemeral(immediate));
          }
          LoopActions.Invocation invocation =
              new LoopActions.Invocation(
                  payload.getTeamId(),
                  payload.getChannelId(),
                  payload.getUserId(),
                  payload.getCommand(),
                  text,
                  payload.getResponseUrl());
          tasks.submit(
              payload.getCommand() + " " + command.getClass().getSimpleName().toLowerCase(),
              () -> finish(command, invocation));
          return ctx.ack(ephemeral(actions.working(command)));
        });
  }

  private void finish(LoopCommand command, LoopActions.Invocation invocation) {
    List<LayoutBlock> result;
    try {
      result = actions.run(command, invocation);
    } catch (RuntimeException e) {
      log.error("/loop {} failed", command.getClass().getSimpleName(), e);
      result =
          Replies.failure(
              "Something went wrong on BudAI's side.",
              "Quote `" + CorrelationIds.current() + "` when reporting it.");
    }
    if (invocation.responseUrl() == null
        || !slack.respond(invocation.responseUrl(), result, Replies.fallback(result), true)) {
      log.warn(
          "Could not answer /loop in {} for {} (response_url refused or missing)",
          invocation.channelId(),
          invocation.slackUserId());
    }
  }

  private static SlashCommandResponse ephemeral(List<LayoutBlock> blocks) {
    return SlashCommandResponse.builder()
        .responseType("ephemeral")
        .text(Replies.fallback(blocks))
        .blocks(blocks)
        .build();
  }
}
