package io.budai.botmanager.fireflies;

import io.budai.platform.web.CallerIdentity;
import io.budai.platform.web.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** {@code /imports/fireflies}: import a Fireflies transcript as a meeting, list what is there. */
@RestController
class ImportController {

  private final FirefliesImporter importer;

  ImportController(FirefliesImporter importer) {
    this.importer = importer;
  }

  /**
   * Body of {@code POST /imports/fireflies}.
   *
   * @param transcriptId the Fireflies transcript id
   */
  record ImportRequest(@NotNull(message = "is required") @Nullable String transcriptId) {}

  /**
   * One row of {@code GET /imports/fireflies}.
   *
   * @param id the Fireflies transcript id
   * @param title its title
   * @param date when it took place (ISO-8601)
   * @param durationMinutes its length
   * @param live whether it is still running
   * @param imported whether it is imported
   * @param meetingId its BudAI meeting, when imported
   */
  record ListedTranscript(
      String id,
      @Nullable String title,
      @Nullable String date,
      @Nullable Double durationMinutes,
      boolean live,
      boolean imported,
      @Nullable Long meetingId) {}

  /**
   * Answer of {@code GET /imports/fireflies}.
   *
   * @param transcripts the page, newest first
   * @param limit page size
   * @param skip transcripts skipped
   * @param hasMore whether another page may follow
   */
  record ListResponse(List<ListedTranscript> transcripts, int limit, int skip, boolean hasMore) {}

  @Operation(
      summary = "Import a Fireflies transcript as a meeting",
      description =
          "201 with the new meeting (platform fireflies, native id = the transcript id), which"
              + " completes like a recorded one (summary, follow-up); 200 with the same meeting"
              + " when it was imported before. 422 malformed id, 404 unknown transcript, 409 still"
              + " live or being imported, 403 not the configured user, 502 Fireflies refused the"
              + " key, 503 Fireflies not configured, rate limited or unreachable.")
  @PostMapping("/imports/fireflies")
  ResponseEntity<JsonNode> importTranscript(
      CallerIdentity caller, @Valid @RequestBody ImportRequest request) {
    FirefliesImporter.Imported imported =
        importer.importTranscript(caller.requireUser(), request.transcriptId());
    return ResponseEntity.status(imported.created() ? HttpStatus.CREATED : HttpStatus.OK)
        .body(imported.meeting());
  }

  @Operation(summary = "Recent Fireflies transcripts, each with whether it is imported")
  @GetMapping("/imports/fireflies")
  ListResponse list(
      CallerIdentity caller,
      @RequestParam(defaultValue = "20") int limit,
      @RequestParam(defaultValue = "0") int skip) {
    String user = caller.requireUser();
    if (limit < 1 || limit > 50 || skip < 0) {
      throw new ProblemException(
          HttpStatus.UNPROCESSABLE_CONTENT,
          "invalid-paging",
          "Invalid paging",
          "limit must be between 1 and 50 and skip at least 0.");
    }
    List<ListedTranscript> rows =
        importer.list(user, limit, skip).stream()
            .map(
                l ->
                    new ListedTranscript(
                        l.transcript().id(),
                        l.transcript().title(),
                        l.transcript().date() == null ? null : l.transcript().date().toString(),
                        l.transcript().durationMinutes(),
                        l.transcript().live(),
                        l.meetingId() != null,
                        l.meetingId()))
            .toList();
    return new ListResponse(rows, limit, skip, rows.size() == limit);
  }
}
