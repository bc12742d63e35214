package io.budai.voice.calls;

import io.swagger.v3.oas.annotations.Operation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * {@code GET /calls/{id}}: the call's web client, the page a join link opens. It captures the
 * microphone, converts it to 16 kHz 16-bit PCM in an AudioWorklet and streams it to {@code
 * /ws/audio?call_id=…}, showing the live transcript as it comes back.
 */
@RestController
class JoinPageController {

  private static final Pattern CALL_ID = Pattern.compile("[A-Za-z0-9-]{16,64}");

  private final CallService calls;
  private final String page;

  JoinPageController(CallService calls) {
    this.calls = calls;
    try {
      this.page =
          new ClassPathResource("voice/call.html").getContentAsString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Operation(summary = "The web client of a voice call (public: the link is the credential)")
  @GetMapping(value = "/calls/{callId}", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> join(@PathVariable String callId) {
    if (!CALL_ID.matcher(callId).matches()) {
      return gone("This is not a BudAI call link.");
    }
    return calls
        .find(callId)
        .filter(Call::active)
        .map(
            call ->
                ResponseEntity.ok()
                    .contentType(MediaType.TEXT_HTML)
                    .header("Cache-Control", "no-store")
                    .body(
                        page.replace("{{call_id}}", HtmlUtils.htmlEscape(call.callId()))
                            .replace(
                                "{{title}}",
                                HtmlUtils.htmlEscape(
                                    call.title() == null ? "BudAI call" : call.title()))))
        .orElseGet(() -> gone("This call has ended or does not exist."));
  }

  private static ResponseEntity<String> gone(String message) {
    return ResponseEntity.status(HttpStatus.NOT_FOUND)
        .contentType(MediaType.TEXT_HTML)
        .body(
            "<!doctype html><meta charset=utf-8><title>BudAI call</title><p>"
                + HtmlUtils.htmlEscape(message)
                + "</p>");
  }
}
