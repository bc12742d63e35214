package io.budai.slack.command;

import io.budai.contracts.BudaiHeaders;
import io.budai.platform.http.ServiceClient;
import io.budai.platform.http.ServiceClients;
import io.budai.slack.account.LinkedAccount;
import io.budai.slack.config.SlackProperties;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** The orchestrator's {@code GET /workflows}, for {@code /loop status}. */
@Component
class WorkflowsClient {

  private final ServiceClient client;

  WorkflowsClient(ServiceClients clients, SlackProperties properties) {
    this.client = clients.client("orchestrator-service", properties.services().orchestrator());
  }

  /** The user's latest workflows, newest first, or null when the orchestrator cannot say. */
  @Nullable List<Workflow> recent(LinkedAccount account, int limit) {
    try {
      JsonNode page =
          client.call(
              true,
              rest ->
                  rest.get()
                      .uri("/workflows?limit={limit}", limit)
                      .header(BudaiHeaders.USER_ID, account.userId())
                      .header(BudaiHeaders.USER_SCOPES, account.scopesHeader())
                      .retrieve()
                      .body(JsonNode.class));
      if (page == null) {
        return null;
      }
      JsonNode items = page.isArray() ? page : page.path("workflows");
      List<Workflow> workflows = new ArrayList<>();
      for (JsonNode item : items) {
        workflows.add(
            new Workflow(
                item.path("id").asString(""),
                item.path("kind").asString(""),
                item.path("meeting_id").asString(""),
                item.path("status").asString(""),
                item.path("step").asString("")));
      }
      return workflows;
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** One workflow as the status reply shows it. */
  record Workflow(String id, String kind, String meetingId, String status, String step) {}
}
