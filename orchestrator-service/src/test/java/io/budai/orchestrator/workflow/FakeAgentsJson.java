package io.budai.orchestrator.workflow;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads the JSON bodies the fakes recorded. */
final class FakeAgentsJson {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private FakeAgentsJson() {}

  static JsonNode read(String body) {
    return JSON.readTree(body);
  }
}
