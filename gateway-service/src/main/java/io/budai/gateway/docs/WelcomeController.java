package io.budai.gateway.docs;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Vexa's {@code GET /}: a greeting that also says where the documentation is. */
@RestController
class WelcomeController {

  @GetMapping("/")
  Map<String, String> welcome() {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("message", "Welcome to the BudAI API Gateway");
    body.put("docs", "/docs");
    body.put("openapi", "/openapi.json");
    return body;
  }
}
