package io.budai.botmanager.bots;

import io.budai.platform.web.CallerIdentity;
import io.budai.platform.web.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Vexa's {@code /bots} API for the calling user (through the gateway). */
@RestController
class BotController {

  private final BotService bots;

  BotController(BotService bots) {
    this.bots = bots;
  }

  @Operation(
      summary = "Send a bot into a meeting",
      description =
          "422 for a meeting it cannot join, 409 when you already run a bot there, 429 over your"
              + " plan's concurrent-bot limit; else 201 with the meeting (status requested).")
  @PostMapping("/bots")
  @ResponseStatus(HttpStatus.CREATED)
  JsonNode request(CallerIdentity caller, @Valid @RequestBody BotRequest request) {
    return bots.request(caller.requireUser(), request);
  }

  @Operation(summary = "Stop the bot of your latest meeting for a platform and native id")
  @DeleteMapping("/bots/{platform}/{nativeMeetingId}")
  @ResponseStatus(HttpStatus.ACCEPTED)
  Map<String, Object> stop(
      CallerIdentity caller, @PathVariable String platform, @PathVariable String nativeMeetingId) {
    return bots.stop(caller.requireUser(), platform, nativeMeetingId);
  }

  @Operation(summary = "Change a running bot's language or task (409 unless the meeting is active)")
  @PutMapping("/bots/{platform}/{nativeMeetingId}/config")
  @ResponseStatus(HttpStatus.ACCEPTED)
  Map<String, Object> reconfigure(
      CallerIdentity caller,
      @PathVariable String platform,
      @PathVariable String nativeMeetingId,
      @Valid @RequestBody BotService.ConfigUpdate update) {
    return bots.reconfigure(caller.requireUser(), platform, nativeMeetingId, update);
  }

  @Operation(summary = "Your running bots")
  @GetMapping("/bots/status")
  BotStatusResponse status(CallerIdentity caller) {
    return bots.status(caller.requireUser());
  }

  @Operation(summary = "Your bots' meetings, newest first, a page at a time")
  @GetMapping("/bots")
  JsonNode list(
      CallerIdentity caller,
      @RequestParam(defaultValue = "50") int limit,
      @RequestParam(defaultValue = "0") int offset,
      @RequestParam(required = false) @Nullable String status,
      @RequestParam(required = false) @Nullable String platform) {
    String user = caller.requireUser();
    if (limit < 1 || limit > 100 || offset < 0) {
      throw new ProblemException(
          HttpStatus.UNPROCESSABLE_CONTENT,
          "invalid-paging",
          "Invalid paging",
          "limit must be between 1 and 100 and offset at least 0.");
    }
    return bots.list(user, limit, offset, status, platform);
  }
}
