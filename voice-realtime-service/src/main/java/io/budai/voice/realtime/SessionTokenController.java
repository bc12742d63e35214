package io.budai.voice.realtime;

import io.budai.platform.web.CallerIdentity;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/realtime/session-token}: a browser's key to OpenAI Realtime transcription. */
@RestController
class SessionTokenController {

  private static final Logger log = LoggerFactory.getLogger(SessionTokenController.class);

  private final RealtimeTokens tokens;

  SessionTokenController(RealtimeTokens tokens) {
    this.tokens = tokens;
  }

  @Operation(
      summary = "Mint an ephemeral OpenAI Realtime client secret for a transcription session",
      description =
          "503 when no OpenAI key is configured; 502/503/504 when OpenAI refuses, throttles or"
              + " times out.")
  @PostMapping("/api/realtime/session-token")
  SessionToken create(
      CallerIdentity caller,
      @Valid @RequestBody(required = false) @Nullable SessionTokenRequest body) {
    String user = caller.requireUser();
    SessionToken token = tokens.mint(body != null ? body : SessionTokenRequest.empty());
    log.info("Minted a realtime session for user {} (expires {})", user, token.expiresAt());
    return token;
  }
}
