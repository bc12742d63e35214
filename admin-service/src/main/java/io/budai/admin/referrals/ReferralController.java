package io.budai.admin.referrals;

import io.budai.admin.users.User;
import io.budai.admin.users.Users;
import io.budai.platform.web.CallerIdentity;
import io.budai.platform.web.ProblemException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Records where a user came from (UTM parameters, referrer, landing page) — the seed's {@code POST
 * /admin/internal/log_referral}. The user is the caller's when the request acts for one, else the
 * one named by {@code user_id} or {@code email} (a sign-up flow holding the admin token).
 */
@RestController
class ReferralController {

  record ReferralRequest(
      @Nullable Long userId,
      @Nullable @Email String email,
      @Nullable @Size(max = 255) String utmSource,
      @Nullable @Size(max = 255) String utmMedium,
      @Nullable @Size(max = 255) String utmCampaign,
      @Nullable @Size(max = 255) String utmTerm,
      @Nullable @Size(max = 255) String utmContent,
      @Nullable @Size(max = 2048) String referrer,
      @Nullable @Size(max = 2048) String landingPage,
      @Nullable ObjectNode data) {}

  record ReferralResponse(long id, long userId, Instant createdAt) {}

  private final Users users;
  private final JdbcClient jdbc;
  private final JsonMapper json;

  ReferralController(Users users, JdbcClient jdbc, JsonMapper json) {
    this.users = users;
    this.jdbc = jdbc;
    this.json = json;
  }

  @PostMapping("/admin/internal/log_referral")
  ResponseEntity<ReferralResponse> log(
      CallerIdentity caller, @Valid @RequestBody ReferralRequest request) {
    User user = resolve(caller, request);
    ReferralResponse saved =
        jdbc.sql(
                """
                INSERT INTO referral_data (user_id, utm_source, utm_medium, utm_campaign, utm_term,
                  utm_content, referrer, landing_page, data)
                VALUES (:user_id, :source, :medium, :campaign, :term, :content, :referrer, :landing,
                  CAST(:data AS jsonb))
                RETURNING id, user_id, created_at""")
            .param("user_id", user.id())
            .param("source", request.utmSource())
            .param("medium", request.utmMedium())
            .param("campaign", request.utmCampaign())
            .param("term", request.utmTerm())
            .param("content", request.utmContent())
            .param("referrer", request.referrer())
            .param("landing", request.landingPage())
            .param("data", request.data() == null ? "{}" : json.writeValueAsString(request.data()))
            .query(
                (rs, row) ->
                    new ReferralResponse(
                        rs.getLong(1), rs.getLong(2), rs.getTimestamp(3).toInstant()))
            .single();
    return ResponseEntity.status(HttpStatus.CREATED).body(saved);
  }

  private User resolve(CallerIdentity caller, ReferralRequest request) {
    if (caller.userId() != null) {
      return users.require(parse(caller.userId()));
    }
    if (request.userId() != null) {
      return users.require(request.userId());
    }
    if (request.email() != null) {
      return users
          .findByEmail(request.email())
          .orElseThrow(
              () ->
                  new ProblemException(
                      HttpStatus.NOT_FOUND,
                      "user-not-found",
                      "User not found",
                      "No user with e-mail " + request.email() + "."));
    }
    throw new ProblemException(
        HttpStatus.BAD_REQUEST,
        "referral-user-required",
        "Which user?",
        "Name the user with user_id or email.");
  }

  private static long parse(String userId) {
    try {
      return Long.parseLong(userId);
    } catch (NumberFormatException e) {
      throw new ProblemException(
          HttpStatus.BAD_REQUEST, "invalid-user-id", "Invalid user id", "Not a user id: " + userId);
    }
  }
}
