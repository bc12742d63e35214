package io.budai.platform.bus;

import io.budai.platform.web.ProblemException;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operator API of the dead-letter stream, on every servlet service (they share the one stream).
 * Internal: it needs {@code X-Internal-Token} like every path that is not public.
 *
 * <ul>
 *   <li>{@code GET /internal/dlq?group=&after=&limit=} — dead letters, oldest first;
 *   <li>{@code GET /internal/dlq/{id}} — one;
 *   <li>{@code POST /internal/dlq/{id}/replay} — back onto its stream, for its group only;
 *   <li>{@code POST /internal/dlq/replay?group=} — all of them (of one group);
 *   <li>{@code DELETE /internal/dlq/{id}} — drop it.
 * </ul>
 */
@RestController
@RequestMapping("/internal/dlq")
class DeadLetterController {

  private static final Pattern ENTRY_ID = Pattern.compile("\\d{1,20}-\\d{1,20}");
  private static final int MAX_LIMIT = 1_000;

  /** A page of dead letters; {@code next} is the {@code after} of the following page. */
  record Page(List<DeadLetters.DeadLetter> items, long total, @Nullable String next) {}

  /** Result of a replay. */
  record Replayed(int replayed, List<String> entryIds) {}

  private final DeadLetters deadLetters;

  DeadLetterController(DeadLetters deadLetters) {
    this.deadLetters = deadLetters;
  }

  @GetMapping
  Page list(
      @RequestParam(required = false) @Nullable String group,
      @RequestParam(required = false) @Nullable String after,
      @RequestParam(defaultValue = "100") int limit) {
    if (after != null) {
      requireId(after);
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new ProblemException(
          HttpStatus.BAD_REQUEST,
          "invalid-limit",
          "Invalid limit",
          "limit must be between 1 and " + MAX_LIMIT);
    }
    List<DeadLetters.DeadLetter> items = deadLetters.list(group, after, limit);
    return new Page(items, deadLetters.size(), items.size() == limit ? items.getLast().id() : null);
  }

  @GetMapping("/{id}")
  DeadLetters.DeadLetter get(@PathVariable String id) {
    return deadLetters.get(requireId(id)).orElseThrow(() -> notFound(id));
  }

  @PostMapping("/{id}/replay")
  Replayed replay(@PathVariable String id) {
    String entryId = deadLetters.replay(requireId(id)).orElseThrow(() -> notFound(id));
    return new Replayed(1, List.of(entryId));
  }

  @PostMapping("/replay")
  Replayed replayAll(@RequestParam(required = false) @Nullable String group) {
    return new Replayed(deadLetters.replayAll(group), List.of());
  }

  @DeleteMapping("/{id}")
  ResponseEntity<Void> delete(@PathVariable String id) {
    if (!deadLetters.delete(requireId(id))) {
      throw notFound(id);
    }
    return ResponseEntity.noContent().build();
  }

  private static String requireId(String id) {
    if (!ENTRY_ID.matcher(id).matches()) {
      throw new ProblemException(
          HttpStatus.BAD_REQUEST,
          "invalid-entry-id",
          "Invalid entry id",
          "A dead-letter id is a stream entry id such as 1718000000000-0");
    }
    return id;
  }

  private static ProblemException notFound(String id) {
    return new ProblemException(
        HttpStatus.NOT_FOUND,
        "dead-letter-not-found",
        "No such dead letter",
        "There is no dead letter " + id + " (replayed or deleted already?)");
  }
}
