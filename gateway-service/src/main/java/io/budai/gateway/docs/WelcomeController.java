package io.budai.gateway.docs;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Vexa's {@code GET /}: a greeting that also says where the documentation and the web console are.
 * A browser (one that asks for HTML by name) is sent to the console instead.
 */
@RestController
class WelcomeController {

  @GetMapping("/")
  ResponseEntity<Map<String, String>> welcome(ServerHttpRequest request) {
    boolean browser =
        request.getHeaders().getAccept().stream()
            .anyMatch(MediaType.TEXT_HTML::equalsTypeAndSubtype);
    if (browser) {
      return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create("/console/")).build();
    }
    Map<String, String> body = new LinkedHashMap<>();
    body.put("message", "Welcome to the BudAI API Gateway");
    body.put("docs", "/docs");
    body.put("openapi", "/openapi.json");
    body.put("console", "/console/");
    return ResponseEntity.ok(body);
  }
}
