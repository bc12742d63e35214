package io.budai.botmanager.simulated;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The bundled sample meetings: ten QMSum/AMI product-design meetings ({@code classpath:qmsum/}, MIT
 * and CC BY 4.0, see the LICENSE beside them), each a list of turns with their speaker.
 */
@Component
public class SampleMeetings {

  private final Map<String, List<Turn>> samples = new TreeMap<>();

  SampleMeetings(JsonMapper json) throws IOException {
    Resource[] resources =
        new PathMatchingResourcePatternResolver().getResources("classpath:qmsum/*.json");
    for (Resource resource : resources) {
      String name = resource.getFilename().replace(".json", "");
      try (InputStream in = resource.getInputStream()) {
        JsonNode transcript = json.readTree(in).path("meeting_transcripts");
        List<Turn> turns = new ArrayList<>();
        for (JsonNode turn : transcript) {
          turns.add(new Turn(turn.path("speaker").asString(), turn.path("content").asString()));
        }
        samples.put(name, List.copyOf(turns));
      }
    }
  }

  /** The sample's turns, or null when there is no such sample. */
  public List<Turn> turns(String name) {
    return samples.get(name);
  }

  /** Names of the bundled samples. */
  public List<String> names() {
    return List.copyOf(samples.keySet());
  }

  /**
   * One spoken turn.
   *
   * @param speaker who speaks
   * @param text what they say (AMI markers such as {@code {vocalsound}} included)
   */
  public record Turn(String speaker, String text) {}
}
