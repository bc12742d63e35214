package io.budai.llm.fake;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A local OpenAI-compatible server: {@code POST /v1/chat/completions} answers with the scripted
 * replies in order (then the default reply), in the API's wire format (protocols.md §2): a {@code
 * chat.completion} object with {@code choices[0].message.content} and {@code usage}, error bodies
 * {@code {"error":{...}}} with {@code retry-after} on 429, and a delay mode for time-outs. It
 * records every request it received.
 */
public final class FakeOpenAi implements AutoCloseable {

  /** One scripted reply. */
  public record Reply(int status, String body, Map<String, String> headers, Duration delay) {

    /** A 200 completion whose message content is {@code content}. */
    public static Reply content(String content) {
      return content(content, 120, 45);
    }

    /** A 200 completion with the given content and token counts. */
    public static Reply content(String content, int promptTokens, int completionTokens) {
      String body =
          """
          {"id":"chatcmpl-test","object":"chat.completion","created":1741569952,"model":"gpt-test-0001",
           "choices":[{"index":0,"message":{"role":"assistant","content":%s,"refusal":null,"annotations":[]},
                       "logprobs":null,"finish_reason":"stop"}],
           "usage":{"prompt_tokens":%d,"completion_tokens":%d,"total_tokens":%d,
                    "prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},
                    "completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,
                      "accepted_prediction_tokens":0,"rejected_prediction_tokens":0}},
           "service_tier":"default","system_fingerprint":"fp_test"}"""
              .formatted(
                  JSON.writeValueAsString(content),
                  promptTokens,
                  completionTokens,
                  promptTokens + completionTokens);
      return new Reply(200, body, Map.of("x-request-id", "req_test"), Duration.ZERO);
    }

    /** A 429 rate-limit error asking to retry after {@code seconds}. */
    public static Reply rateLimited(int seconds) {
      return new Reply(
          429,
          """
          {"error":{"message":"Rate limit reached for gpt-test on requests per min (RPM): Limit 3, Used 3, Requested 1.","type":"requests","param":null,"code":"rate_limit_exceeded"}}""",
          Map.of("retry-after", String.valueOf(seconds)),
          Duration.ZERO);
    }

    /** A 400 invalid-request error. */
    public static Reply badRequest() {
      return new Reply(
          400,
          """
          {"error":{"message":"Invalid schema for response_format","type":"invalid_request_error","param":"response_format","code":null}}""",
          Map.of(),
          Duration.ZERO);
    }

    /** A reply that arrives only after {@code delay}. */
    public Reply after(Duration delay) {
      return new Reply(status, body, headers, delay);
    }
  }

  /** A request the server received. */
  public record Request(String method, String path, Map<String, String> headers, JsonNode body) {}

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpServer server;
  private final BlockingQueue<Reply> script = new LinkedBlockingQueue<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private volatile Reply fallback = Reply.content("{}");

  public FakeOpenAi() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    server.createContext("/", this::handle);
    server.setExecutor(Executors.newCachedThreadPool());
    server.start();
  }

  /** The base URL to give the SDK ({@code http://127.0.0.1:port/v1}). */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  /** Queues replies, answered in order. */
  public FakeOpenAi enqueue(Reply... replies) {
    script.addAll(List.of(replies));
    return this;
  }

  /** The reply once the queue is empty. */
  public FakeOpenAi otherwise(Reply reply) {
    fallback = reply;
    return this;
  }

  /** Requests received so far. */
  public List<Request> requests() {
    return List.copyOf(requests);
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] raw = exchange.getRequestBody().readAllBytes();
    Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, String.join(",", v)));
    JsonNode body = raw.length == 0 ? JSON.createObjectNode() : JSON.readTree(raw);
    requests.add(
        new Request(
            exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers, body));
    Reply reply;
    if (!exchange.getRequestURI().getPath().equals("/v1/chat/completions")) {
      reply =
          new Reply(
              404,
              "{\"error\":{\"message\":\"Unknown path\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}}",
              Map.of(),
              Duration.ZERO);
    } else {
      Reply next = script.poll();
      reply = next != null ? next : fallback;
    }
    try {
      if (!reply.delay().isZero()) {
        TimeUnit.MILLISECONDS.sleep(reply.delay().toMillis());
      }
      byte[] out = reply.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
      exchange.sendResponseHeaders(reply.status(), out.length);
      try (OutputStream os = exchange.getResponseBody()) {
        os.write(out);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException clientGone) {
      // the client timed out and closed the connection: nothing to answer
    } finally {
      exchange.close();
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
