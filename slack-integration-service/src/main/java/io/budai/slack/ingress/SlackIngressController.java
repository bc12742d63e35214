package io.budai.slack.ingress;

import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.SlackRequestParser;
import io.budai.platform.web.ProblemException;
import io.budai.slack.config.SlackProperties;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where Slack's requests arrive (through the gateway's {@code /slack/**} route, without an API
 * key): slash commands, Events API deliveries and interactivity payloads. Each request is read once
 * as raw bytes, its signature verified before anything else (a bad or stale one → 401 and nothing
 * happens), and only then handed to Bolt, whose listeners ack within Slack's 3 seconds.
 *
 * <p>Spring's own body handling is bypassed on purpose: for form posts it rebuilds the body from
 * the parsed parameters, which would not be the bytes Slack signed.
 */
@RestController
@Tag(name = "Slack ingress", description = "Signed requests from Slack (no API key)")
class SlackIngressController {

  private final BoltApp bolt;
  private final SlackProperties properties;
  private final SlackSignatureVerifier verifier;

  SlackIngressController(BoltApp bolt, SlackProperties properties) {
    this.bolt = bolt;
    this.properties = properties;
    this.verifier =
        new SlackSignatureVerifier(
            properties.signingSecret() == null ? "" : properties.signingSecret(),
            properties.requestMaxAge(),
            Clock.systemUTC());
  }

  @Operation(summary = "Slash commands (/loop)")
  @PostMapping({"/slack/commands", "/slack/commands/loop"})
  ResponseEntity<String> commands(HttpServletRequest request) throws Exception {
    return handle(request);
  }

  @Operation(summary = "Events API (url_verification, app_mention, message.im, app_home_opened)")
  @PostMapping("/slack/events")
  ResponseEntity<String> events(HttpServletRequest request) throws Exception {
    return handle(request);
  }

  @Operation(summary = "Interactivity (block_actions)")
  @PostMapping("/slack/interactions")
  ResponseEntity<String> interactions(HttpServletRequest request) throws Exception {
    return handle(request);
  }

  private ResponseEntity<String> handle(HttpServletRequest request) throws Exception {
    bolt.require();
    byte[] body = readBody(request);
    verifier.verify(
        request.getHeader(SlackSignatureVerifier.TIMESTAMP_HEADER),
        request.getHeader(SlackSignatureVerifier.SIGNATURE_HEADER),
        body);
    Response response =
        bolt.run(
            SlackRequestParser.HttpRequest.builder()
                .requestUri(request.getRequestURI())
                // Slack sends no query parameters; reading them from a form post would consume
                // the body, so none are passed.
                .queryString(Map.of())
                .headers(new RequestHeaders(headers(request)))
                .requestBody(new String(body, StandardCharsets.UTF_8))
                .remoteAddress(request.getRemoteAddr())
                .build());
    return toEntity(response);
  }

  private byte[] readBody(HttpServletRequest request) throws IOException {
    int max = properties.maxRequestBytes();
    try (InputStream in = request.getInputStream()) {
      byte[] body = in.readNBytes(max + 1);
      if (body.length > max) {
        throw new ProblemException(
            HttpStatus.CONTENT_TOO_LARGE,
            "slack-payload-too-large",
            "Payload too large",
            "Slack payloads are at most " + max + " bytes here.");
      }
      return body;
    }
  }

  private static Map<String, List<String>> headers(HttpServletRequest request) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String name : Collections.list(request.getHeaderNames())) {
      headers.put(name, Collections.list(request.getHeaders(name)));
    }
    return headers;
  }

  private static ResponseEntity<String> toEntity(Response response) {
    HttpHeaders headers = new HttpHeaders();
    if (response.getHeaders() != null) {
      response.getHeaders().forEach((name, values) -> headers.addAll(name, values));
    }
    String body = response.getBody() == null ? "" : response.getBody();
    if (!body.isEmpty() && response.getContentType() != null) {
      headers.setContentType(MediaType.parseMediaType(response.getContentType()));
    }
    return ResponseEntity.status(response.getStatusCode()).headers(headers).body(body);
  }
}
