package io.budai.botmanager.fireflies;

import io.budai.botmanager.BotManagerProperties;
import io.budai.platform.web.ProblemException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fireflies.ai's GraphQL API (protocols.md §6a): {@code POST <FIREFLIES_URL>} with {@code
 * Authorization: Bearer <key>} and {@code {"query","variables"}}; answers are {@code {"data":…}} or
 * {@code {"errors":[…]}}, errors often with HTTP 200. Every call has a time limit and a circuit
 * breaker; a rate limit (HTTP 429 with {@code Retry-After} seconds, or the GraphQL error {@code
 * extensions.code == "too_many_requests"} with {@code extensions.metadata.retryAfter} in epoch ms),
 * a 5xx or a network error is retried with jittered back-off, waiting out the rate limit when it is
 * short ({@code FIREFLIES_MAX_RETRY_WAIT}); reads only, so every retry is safe. Failures become
 * problems: unauthorized → 502, rate limited or unreachable → 503 (with {@code Retry-After} when
 * known), any other GraphQL error → 502.
 */
@Component
class FirefliesClient {

  static final String TRANSCRIPT_QUERY =
      """
      query Transcript($id: String!) {
        transcript(id: $id) {
          id title date dateString duration organizer_email participants transcript_url is_live
          speakers { id name }
          sentences { index speaker_name speaker_id text raw_text start_time end_time }
        }
      }""";

  static final String TRANSCRIPTS_QUERY =
      """
      query Transcripts($limit: Int, $skip: Int, $fromDate: DateTime) {
        transcripts(limit: $limit, skip: $skip, fromDate: $fromDate) {
          id title date duration is_live
        }
      }""";

  private static final Set<String> UNAUTHORIZED_CODES =
      Set.of("unauthorized", "unauthenticated", "forbidden", "invalid_api_key", "auth_failed");
  private static final Set<String> NOT_FOUND_CODES = Set.of("object_not_found", "not_found");

  private final BotManagerProperties.Fireflies settings;
  private final RestClient rest;
  private final JsonMapper json;
  private final Clock clock;
  private final CircuitBreaker breaker;
  private final Retry retry;

  FirefliesClient(
      BotManagerProperties properties,
      JsonMapper json,
      Clock clock,
      RestClient.Builder builder,
      CircuitBreakerRegistry breakers,
      RetryRegistry retries) {
    this.settings = properties.fireflies();
    JdkClientHttpRequestFactory factory =
        new JdkClientHttpRequestFactory(
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build());
    factory.setReadTimeout(settings.timeout());
    String key = settings.apiKey() == null ? "" : settings.apiKey().trim();
    this.rest =
        builder
            .clone()
            .baseUrl(settings.url())
            .requestFactory(factory)
            .defaultHeader("Authorization", "Bearer " + key)
            .build();
    this.json = json;
    this.clock = clock;
    this.breaker =
        breakers.circuitBreaker(
            "fireflies",
            CircuitBreakerConfig.custom()
                .failureRateThreshold(50)
                .slidingWindowSize(20)
                .minimumNumberOfCalls(5)
                .waitDurationInOpenState(Duration.ofSeconds(15))
                .recordException(FirefliesClient::transientError)
                .build());
    long maxWait = settings.maxRetryWait().toMillis();
    this.retry =
        retries.retry(
            "fireflies",
            RetryConfig.custom()
                .maxAttempts(3)
                .retryOnException(
                    e ->
                        transientError(e)
                            && !(e instanceof RateLimited limited
                                && limited.waitMillis != null
                                && limited.waitMillis > maxWait))
                .intervalBiFunction(
                    (attempt, either) -> {
                      long delay = 300L * (1L << Math.min(attempt - 1, 6));
                      long jittered =
                          delay / 2 + ThreadLocalRandom.current().nextLong(delay / 2 + 1);
                      if (either != null
                          && either.isLeft()
                          && either.getLeft() instanceof RateLimited limited
                          && limited.waitMillis != null) {
                        return Math.max(limited.waitMillis, 50);
                      }
                      return jittered;
                    })
                .build());
  }

  /** The transcript with its sentences; empty when Fireflies has none with this id. */
  Optional<FirefliesTranscript> transcript(String id) {
    ObjectNode variables = json.createObjectNode().put("id", id);
    try {
      JsonNode transcript = query(TRANSCRIPT_QUERY, variables).path("transcript");
      return transcript.isObject()
          ? Optional.of(FirefliesTranscript.of(transcript))
          : Optional.empty();
    } catch (NotFound e) {
      return Optional.empty();
    }
  }

  /** One page of the account's transcripts, newest first (no sentences). */
  List<FirefliesTranscript> transcripts(int limit, int skip, @Nullable Instant from) {
    ObjectNode variables = json.createObjectNode().put("limit", limit).put("skip", skip);
    if (from != null) {
      variables.put("fromDate", from.toString());
    }
    List<FirefliesTranscript> page = new ArrayList<>();
    for (JsonNode node : query(TRANSCRIPTS_QUERY, variables).path("transcripts")) {
      page.add(FirefliesTranscript.of(node));
    }
    return page;
  }

  private JsonNode query(String query, ObjectNode variables) {
    String body =
        json.writeValueAsString(
            json.createObjectNode().put("query", query).set("variables", variables));
    try {
      return Retry.decorateSupplier(
              retry, CircuitBreaker.decorateSupplier(breaker, () -> once(body)))
          .get();
    } catch (CallNotPermittedException e) {
      throw new ProblemException(
          HttpStatus.SERVICE_UNAVAILABLE,
          "fireflies-unavailable",
          "Fireflies unavailable",
          "Calls to Fireflies are paused after repeated failures; try again shortly.");
    } catch (ResourceAccessException e) {
      throw new ProblemException(
          HttpStatus.SERVICE_UNAVAILABLE,
          "fireflies-unavailable",
          "Fireflies unavailable",
          "Fireflies (" + settings.url() + ") cannot be reached: " + e.getMessage());
    }
  }

  private JsonNode once(String body) {
    return rest.post()
        .contentType(MediaType.APPLICATION_JSON)
        .accept(MediaType.APPLICATION_JSON)
        .body(body)
        .exchange(
            (request, response) -> {
              int status = response.getStatusCode().value();
              String text;
              try {
                text = new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
              } catch (IOException e) {
                throw new ResourceAccessException("reading Fireflies' answer: " + e.getMessage());
              }
              if (status == 429) {
                throw new RateLimited(
                    retryAfterSeconds(response.getHeaders().getFirst("Retry-After")));
              }
              if (status >= 500) {
                throw new Unavailable("Fireflies answered HTTP " + status + ".");
              }
              JsonNode answer = null;
              try {
                answer = text.isBlank() ? null : json.readTree(text);
              } catch (JacksonException e) {
                // a non-JSON answer is judged by its status below
              }
              if (answer != null
                  && answer.path("errors").isArray()
                  && !answer.path("errors").isEmpty()) {
                throw error(answer.path("errors").get(0), status);
              }
              if (status == 401 || status == 403) {
                throw unauthorized("HTTP " + status);
              }
              if (status >= 400 || answer == null || !answer.path("data").isObject()) {
                throw new ProblemException(
                    HttpStatus.BAD_GATEWAY,
                    "fireflies-error",
                    "Fireflies error",
                    "Fireflies answered HTTP " + status + " without data.");
              }
              return answer.path("data");
            });
  }

  private RuntimeException error(JsonNode error, int httpStatus) {
    JsonNode extensions = error.path("extensions");
    String code =
        extensions.path("code").asString(error.path("code").asString("")).toLowerCase(Locale.ROOT);
    int status = extensions.path("status").asInt(httpStatus);
    String message = error.path("message").asString("").replaceAll("\\p{Cntrl}", " ");
    if (code.equals("too_many_requests") || status == 429) {
      JsonNode retryAfter = extensions.path("metadata").path("retryAfter");
      Long wait = retryAfter.isNumber() ? Math.max(0, retryAfter.asLong() - clock.millis()) : null;
      return new RateLimited(wait);
    }
    if (UNAUTHORIZED_CODES.contains(code) || status == 401 || status == 403) {
      return unauthorized(message.isBlank() ? code : message);
    }
    if (NOT_FOUND_CODES.contains(code) || status == 404) {
      return new NotFound();
    }
    return new ProblemException(
        HttpStatus.BAD_GATEWAY,
        "fireflies-error",
        "Fireflies error",
        "Fireflies refused the query: " + (message.isBlank() ? code : message),
        Map.of("fireflies_code", code));
  }

  private static ProblemException unauthorized(String why) {
    return new ProblemException(
        HttpStatus.BAD_GATEWAY,
        "fireflies-unauthorized",
        "Fireflies refused the API key",
        "Fireflies did not accept FIREFLIES_API_KEY ("
            + why
            + "); check the key in Fireflies' Integrations → Fireflies API settings.");
  }

  private static @Nullable Long retryAfterSeconds(@Nullable String header) {
    if (header == null) {
      return null;
    }
    try {
      return Math.max(0, Long.parseLong(header.trim())) * 1000;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static boolean transientError(Throwable e) {
    return e instanceof RateLimited
        || e instanceof Unavailable
        || e instanceof ResourceAccessException;
  }

  /** Fireflies is rate limiting this key: 503 with the wait, when known. */
  static final class RateLimited extends ProblemException {
    final @Nullable Long waitMillis;

    RateLimited(@Nullable Long waitMillis) {
      super(
          HttpStatus.SERVICE_UNAVAILABLE,
          "fireflies-rate-limited",
          "Fireflies rate limit",
          "Fireflies is rate limiting this API key"
              + (waitMillis == null
                  ? "; try again later."
                  : "; try again in " + Math.max(1, (waitMillis + 999) / 1000) + " s."),
          waitMillis == null
              ? Map.of()
              : Map.of("retry_after_s", Math.max(1, (waitMillis + 999) / 1000)));
      this.waitMillis = waitMillis;
      if (waitMillis != null) {
        getHeaders().set("Retry-After", String.valueOf(Math.max(1, (waitMillis + 999) / 1000)));
      }
    }
  }

  /** Fireflies answered with a server error. */
  static final class Unavailable extends ProblemException {
    Unavailable(String detail) {
      super(
          HttpStatus.SERVICE_UNAVAILABLE, "fireflies-unavailable", "Fireflies unavailable", detail);
    }
  }

  /** Fireflies has no such object. */
  static final class NotFound extends RuntimeException {
    NotFound() {
      super("not found", null, false, false);
    }
  }
}
