package io.budai.slack.account;

import com.slack.api.methods.response.users.UsersInfoResponse;
import com.slack.api.model.User;
import io.budai.platform.http.ServiceClient;
import io.budai.platform.http.ServiceClients;
import io.budai.slack.api.SlackApi;
import io.budai.slack.api.SlackCallException;
import io.budai.slack.config.SlackProperties;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClientException;
import tools.jackson.databind.JsonNode;

/**
 * {@code /loop link <api key>}: asks admin-service whose key it is ({@code POST
 * /internal/auth/verify}), links the Slack user to that BudAI user keeping only the key's SHA-256,
 * and learns the user's Slack names ({@code users.info}) for mentions.
 */
@Component
public class AccountLinker {

  private static final Logger log = LoggerFactory.getLogger(AccountLinker.class);

  private final ServiceClient admin;
  private final AccountLinks links;
  private final SlackDirectory directory;
  private final SlackApi slack;

  AccountLinker(
      ServiceClients clients,
      SlackProperties properties,
      AccountLinks links,
      SlackDirectory directory,
      SlackApi slack) {
    this.admin = clients.client("admin-service", properties.services().admin());
    this.links = links;
    this.directory = directory;
    this.slack = slack;
  }

  /** Verifies {@code apiKey} and links it; never throws for a bad key or an unreachable admin. */
  public Outcome link(String teamId, String slackUserId, String apiKey) {
    JsonNode verified;
    try {
      verified =
          admin.call(
              true,
              rest ->
                  rest.post()
                      .uri("/internal/auth/verify")
                      .contentType(MediaType.APPLICATION_JSON)
                      .body(Map.of("token", apiKey.strip()))
                      .retrieve()
                      .body(JsonNode.class));
    } catch (HttpClientErrorException.Unauthorized | HttpClientErrorException.Forbidden e) {
      return new Outcome.InvalidKey();
    } catch (HttpClientErrorException e) {
      log.warn("admin-service refused key verification: {}", e.getStatusCode());
      return new Outcome.InvalidKey();
    } catch (RestClientException | ServiceClient.DownstreamUnavailableException e) {
      log.warn("admin-service unreachable for key verification: {}", e.toString());
      return new Outcome.Unavailable();
    }
    if (verified == null
        || verified.path("user_id").isMissingNode()
        || verified.path("user_id").isNull()) {
      return new Outcome.InvalidKey();
    }
    String userId = verified.path("user_id").asString();
    List<String> scopes = new ArrayList<>();
    JsonNode scopeNode = verified.path("scopes");
    if (scopeNode.isArray()) {
      scopeNode.forEach(s -> scopes.add(s.asString()));
    } else if (scopeNode.isString()) {
      for (String s : scopeNode.asString().split(",")) {
        if (!s.isBlank()) {
          scopes.add(s.strip());
        }
      }
    }
    Instant expiresAt = null;
    if (verified.path("expires_at").isString()) {
      expiresAt = Instant.parse(verified.path("expires_at").asString());
    }
    LinkedAccount account =
        links.link(teamId, slackUserId, userId, scopes, sha256Hex(apiKey.strip()), expiresAt);
    String name =
        learnNames(
            slackUserId,
            verified.path("email").isString() ? verified.path("email").asString() : null);
    return new Outcome.Linked(account, name);
  }

  private @Nullable String learnNames(String slackUserId, @Nullable String budaiEmail) {
    Set<String> names = new LinkedHashSet<>();
    if (budaiEmail != null) {
      names.add(budaiEmail);
    }
    String display = null;
    try {
      UsersInfoResponse info = slack.call("users.info", c -> c.usersInfo(r -> r.user(slackUserId)));
      User user = info.getUser();
      if (user != null) {
        names.add(user.getName());
        names.add(user.getRealName());
        if (user.getProfile() != null) {
          names.add(user.getProfile().getDisplayName());
          names.add(user.getProfile().getRealName());
          names.add(user.getProfile().getEmail());
        }
        String real = user.getRealName();
        if (real != null && real.contains(" ")) {
          names.add(real.substring(0, real.indexOf(' ')));
        }
        display = real != null && !real.isBlank() ? real : user.getName();
      }
    } catch (SlackCallException e) {
      log.info(
          "users.info for {} failed ({}); mentions will not know their name",
          slackUserId,
          e.error());
    }
    names.removeIf(n -> n == null || n.isBlank());
    directory.remember(slackUserId, names);
    return display;
  }

  /** SHA-256 of an API key in lowercase hex, as admin-service and the gateway key it. */
  public static String sha256Hex(String key) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** How a link attempt ended. */
  public sealed interface Outcome {
    /** Linked; {@code displayName} is the Slack name when {@code users.info} answered. */
    record Linked(LinkedAccount account, @Nullable String displayName) implements Outcome {}

    /** admin-service does not know the key (or it expired). */
    record InvalidKey() implements Outcome {}

    /** admin-service could not be asked. */
    record Unavailable() implements Outcome {}
  }
}
