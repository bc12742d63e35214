package io.budai.admin.users;

import io.budai.platform.web.ProblemException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Vexa's admin user routes ({@code X-Admin-API-Key}, see {@code AdminAccessFilter}). */
@RestController
@RequestMapping("/admin/users")
@EnableConfigurationProperties(UserProperties.class)
class UserController {

  private static final Map<String, String> UPDATABLE =
      Map.of(
          "name", "name", "image_url", "image_url", "max_concurrent_bots", "max_concurrent_bots");

  private final Users users;
  private final UserProperties properties;
  private final ApplicationEventPublisher events;
  private final JsonMapper json;

  UserController(
      Users users, UserProperties properties, ApplicationEventPublisher events, JsonMapper json) {
    this.users = users;
    this.properties = properties;
    this.events = events;
    this.json = json;
  }

  /** Find-or-create by e-mail: 201 when created, 200 with the existing user otherwise. */
  @PostMapping
  ResponseEntity<UserResponse> findOrCreate(@Valid @RequestBody UserCreate body) {
    Users.Upsert upsert =
        users.findOrCreate(
            body.email().trim(),
            body.name(),
            body.imageUrl(),
            body.maxConcurrentBots() != null
                ? body.maxConcurrentBots()
                : properties.defaultMaxConcurrentBots(),
            body.data() != null ? body.data() : json.createObjectNode());
    return ResponseEntity.status(upsert.created() ? HttpStatus.CREATED : HttpStatus.OK)
        .body(UserResponse.of(upsert.user()));
  }

  @GetMapping
  List<UserResponse> list(
      @RequestParam(defaultValue = "0") @Min(0) int skip,
      @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
    return users.list(skip, limit).stream().map(UserResponse::of).toList();
  }

  @GetMapping("/email/{email}")
  UserResponse byEmail(@PathVariable String email) {
    return users
        .findByEmail(email)
        .map(UserResponse::of)
        .orElseThrow(
            () ->
                new ProblemException(
                    HttpStatus.NOT_FOUND,
                    "user-not-found",
                    "User not found",
                    "No user with e-mail " + email + "."));
  }

  /**
   * Vexa's {@code UserUpdate}: {@code name}, {@code image_url}, {@code max_concurrent_bots} are
   * replaced when present; {@code data} is merged key by key; changing {@code email} is refused.
   */
  @PatchMapping("/{id}")
  UserResponse update(@PathVariable long id, @RequestBody JsonNode body) {
    if (!(body instanceof ObjectNode patch)) {
      throw badUpdate("The body must be a JSON object.");
    }
    User current = users.require(id);
    Map<String, @Nullable Object> changes = new LinkedHashMap<>();
    ObjectNode dataPatch = null;
    for (Map.Entry<String, JsonNode> field : patch.properties()) {
      String name = field.getKey();
      JsonNode value = field.getValue();
      switch (name) {
        case "email" -> {
          if (!value.isNull() && !value.asString().trim().equalsIgnoreCase(current.email())) {
            throw badUpdate("The e-mail of a user cannot be changed.");
          }
        }
        case "name", "image_url" -> {
          if (!value.isNull() && !value.isString()) {
            throw badUpdate(name + " must be a string or null.");
          }
          if ("name".equals(name) && value.isString() && value.asString().length() > 100) {
            throw badUpdate("name is longer than 100 characters.");
          }
          changes.put(UPDATABLE.get(name), value.isNull() ? null : value.asString());
        }
        case "max_concurrent_bots" -> {
          if (!value.isIntegralNumber() || value.asLong() < 0 || value.asLong() > 10_000) {
            throw badUpdate("max_concurrent_bots must be an integer between 0 and 10000.");
          }
          changes.put(UPDATABLE.get(name), value.asInt());
        }
        case "data" -> {
          if (!(value instanceof ObjectNode object)) {
            throw badUpdate("data must be a JSON object.");
          }
          dataPatch = object;
        }
        default -> throw badUpdate("Unknown field " + name + ".");
      }
    }
    if (changes.isEmpty() && dataPatch == null) {
      return UserResponse.of(current);
    }
    return UserResponse.of(users.update(id, changes, dataPatch));
  }

  @DeleteMapping("/{id}")
  @Transactional
  ResponseEntity<Void> delete(@PathVariable long id) {
    users.require(id);
    events.publishEvent(new UserDeleting(id));
    users.delete(id);
    return ResponseEntity.noContent().build();
  }

  private static ProblemException badUpdate(String detail) {
    return new ProblemException(
        HttpStatus.BAD_REQUEST, "invalid-user-update", "Invalid update", detail);
  }
}
