package io.budai.slack.ingress;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.MiddlewareChain;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestType;
import com.slack.api.bolt.response.Response;
import io.budai.contracts.RedisKeys;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Lets each Events API delivery through once per {@code event_id}: Slack retries a delivery it
 * thinks failed ({@code X-Slack-Retry-Num}) with the same id, and a retry must not be processed
 * twice, whichever replica receives it. {@code SET budai:slack:event:{id} NX EX} claims the id; a
 * claimed id is acknowledged without running listeners. When the listeners fail (5xx) the claim is
 * dropped, so Slack's retry gets another chance.
 */
final class EventDeduplication implements Middleware {

  private static final Logger log = LoggerFactory.getLogger(EventDeduplication.class);

  private final StringRedisTemplate redis;
  private final Duration ttl;

  EventDeduplication(StringRedisTemplate redis, Duration ttl) {
    this.redis = redis;
    this.ttl = ttl;
  }

  @Override
  public Response apply(Request req, Response resp, MiddlewareChain chain) throws Exception {
    if (req.getRequestType() != RequestType.Event) {
      return chain.next(req);
    }
    String eventId = eventId(req.getRequestBodyAsString());
    if (eventId == null) {
      return chain.next(req);
    }
    String key = RedisKeys.Slack.event(eventId);
    // SET key 1 NX EX ttl
    Boolean first = redis.opsForValue().setIfAbsent(key, "1", ttl);
    if (!Boolean.TRUE.equals(first)) {
      log.info(
          "Slack event {} already taken (retry {}); acknowledged without processing",
          eventId,
          req.getHeaders().getFirstValue("X-Slack-Retry-Num"));
      return Response.ok();
    }
    Response response;
    try {
      response = chain.next(req);
    } catch (Exception e) {
      redis.delete(key);
      throw e;
    }
    if (response.getStatusCode() >= 500) {
      redis.delete(key);
    }
    return response;
  }

  static @Nullable String eventId(String body) {
    try {
      JsonElement root = JsonParser.parseString(body);
      if (root.isJsonObject()) {
        JsonObject object = root.getAsJsonObject();
        JsonElement id = object.get("event_id");
        if (id != null && id.isJsonPrimitive() && !id.getAsString().isBlank()) {
          return id.getAsString();
        }
      }
    } catch (RuntimeException malformed) {
      // Bolt's parser has accepted the body already; an odd shape just means no id to dedup on
    }
    return null;
  }
}
