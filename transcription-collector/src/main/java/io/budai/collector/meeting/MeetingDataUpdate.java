package io.budai.collector.meeting;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Body of {@code PATCH /meetings/{platform}/{native_meeting_id}}: {@code {"data": {...}}}.
 *
 * @param data the fields to merge
 */
public record MeetingDataUpdate(@NotNull @Valid Fields data) {

  /**
   * Vexa's {@code MeetingDataUpdate}.
   *
   * @param name a display name
   * @param participants participant names
   * @param languages language codes (ISO 639-1/-3, optionally with a region)
   * @param notes free text
   */
  public record Fields(
      @Nullable @Size(max = 500) String name,
      @Nullable @Size(max = 500) List<@Size(max = 255) String> participants,
      @Nullable @Size(max = 20)
          List<
                  @Pattern(
                      regexp = "[a-z]{2,3}(-[A-Za-z]{2,4})?",
                      message = "must be a language code such as en or pt-BR")
                  String>
              languages,
      @Nullable @Size(max = 20000) String notes) {}

  ObjectNode toPatch(JsonMapper json) {
    ObjectNode patch = json.createObjectNode();
    if (data.name() != null) {
      patch.put("name", data.name());
    }
    if (data.participants() != null) {
      patch.set("participants", json.valueToTree(data.participants()));
    }
    if (data.languages() != null) {
      patch.set("languages", json.valueToTree(data.languages()));
    }
    if (data.notes() != null) {
      patch.put("notes", data.notes());
    }
    return patch;
  }
}
