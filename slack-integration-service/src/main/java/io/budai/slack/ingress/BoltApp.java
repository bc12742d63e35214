package io.budai.slack.ingress;

import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.SlackRequestParser;
import io.budai.platform.web.ProblemException;
import io.budai.slack.api.SlackApi;
import io.budai.slack.config.SlackProperties;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The one Bolt {@link App} of this service, built when Slack is configured. Building it calls
 * {@code auth.test}; when Slack cannot be reached then, the service still starts and the app is
 * built on the next request (until then ingress answers 503), so a Slack outage at boot never takes
 * the service down.
 */
@Component
class BoltApp {

  private static final Logger log = LoggerFactory.getLogger(BoltApp.class);

  private final SlackApi api;
  private final SlackProperties properties;
  private final List<SlackListeners> listeners;
  private final StringRedisTemplate redis;
  private @Nullable App app;
  private @Nullable SlackRequestParser parser;

  BoltApp(
      SlackApi api,
      SlackProperties properties,
      List<SlackListeners> listeners,
      StringRedisTemplate redis) {
    this.api = api;
    this.properties = properties;
    this.listeners = listeners;
    this.redis = redis;
  }

  @EventListener(ApplicationReadyEvent.class)
  void buildEarly() {
    if (properties.configured()) {
      try {
        require();
      } catch (ProblemException e) {
        log.warn("Slack app not ready yet (will retry on the next request): {}", e.getMessage());
      }
    } else {
      log.warn(
          "Slack is not configured (SLACK_BOT_TOKEN/SLACK_SIGNING_SECRET): ingress answers 503, "
              + "posts go to the outbox (GET /outbox)");
    }
  }

  /** Parses and runs one verified request through Bolt. */
  Response run(SlackRequestParser.HttpRequest httpRequest) throws Exception {
    App bolt = require();
    Request<?> request;
    try {
      request = parser().parse(httpRequest);
    } catch (RuntimeException e) {
      throw malformed("Bolt could not parse the request: " + e.getClass().getSimpleName());
    }
    if (request == null) {
      throw malformed("Not a Slack command, event or interaction payload.");
    }
    return bolt.run(request);
  }

  private synchronized SlackRequestParser parser() {
    if (parser == null) {
      throw new IllegalStateException("the app is built before parsing");
    }
    return parser;
  }

  /** The app, building it when needed. */
  synchronized App require() {
    if (!properties.configured()) {
      throw new ProblemException(
          HttpStatus.SERVICE_UNAVAILABLE,
          "slack-not-configured",
          "Slack is not configured",
          "Set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET to receive Slack requests.");
    }
    if (app == null) {
      AppConfig config =
          AppConfig.builder()
              .singleTeamBotToken(properties.botToken())
              .signingSecret(properties.signingSecret())
              .slack(api.slack())
              // SlackIngressController verifies every request before Bolt sees it.
              .requestVerificationEnabled(false)
              .authTestCacheEnabled(true)
              // Events nobody listens to (edits, other subtypes) are acked, not 404ed: Slack
              // would retry them and eventually disable the subscription.
              .allEventsApiAutoAckEnabled(true)
              .build();
      App built;
      try {
        // The default middleware (and with it auth.test) is built on the first use().
        built = new App(config);
        built.use(new EventDeduplication(redis, properties.eventDedupTtl()));
      } catch (IllegalArgumentException e) {
        log.warn("Slack app could not start: {}", e.getMessage());
        throw new ProblemException(
            HttpStatus.SERVICE_UNAVAILABLE,
            "slack-unavailable",
            "Slack is unavailable",
            "The Slack app could not start (auth.test failed); try again shortly.");
      }
      listeners.forEach(l -> l.register(built));
      parser = new SlackRequestParser(config);
      app = built;
      log.info("Slack app ready on {}", properties.apiUrlWithSlash());
    }
    return app;
  }

  private static ProblemException malformed(String detail) {
    return new ProblemException(
        HttpStatus.BAD_REQUEST, "slack-payload-invalid", "Invalid Slack payload", detail);
  }
}
