package io.budai.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.budai.llm.fake.FakeOpenAi;
import io.budai.llm.fake.FakeOpenAi.Reply;
import io.budai.llm.summary.Summary;
import io.budai.llm.summary.SummaryInput;
import io.budai.llm.summary.SummaryTasks;
import io.budai.llm.summary.Turn;
import io.budai.test.TestRedis;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.JsonNode;

/** The LLM layer against a fake OpenAI-compatible server and a real Redis. */
class LlmTests {

  static LettuceConnectionFactory factory;
  static StringRedisTemplate redis;

  final FakeOpenAi fake = new FakeOpenAi();
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  final List<String> usage = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void redis() {
    factory = TestRedis.connectionFactory();
    redis = new StringRedisTemplate(factory);
  }

  @AfterAll
  static void closeRedis() {
    factory.destroy();
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  static final String VALID =
      """
      {"overview":"Laura opened the kick-off meeting and the team agreed to design a remote control.",
       "key_points":["The product is a remote control."],
       "decisions":["The team will design a remote control."],
       "action_items":[
         {"text":"Send the minutes","owner":"Laura","due":"2026-01-09","confidence":0.9},
         {"text":"Book a room","owner":"Bob the Builder","due":"next week","confidence":0.8}],
       "risks":[]}""";

  static SummaryInput meeting() {
    return new SummaryInput(
        "Kick-off",
        "en",
        LocalDate.of(2026, 1, 5),
        List.of(
            Turn.of("Project Manager", "Hi, I'm Laura and I'm the project manager."),
            Turn.of("Marketing", "We should design a remote control that is easy to use."),
            Turn.of("Project Manager", "I'll send the minutes by Friday.")));
  }

  OpenAiEngine engine(Duration timeout, int retries, int window) {
    return new OpenAiEngine(
        "openai", fake.baseUrl(), "sk-test", "gpt-test", timeout, retries, window, 0.2);
  }

  Llm llm(List<LlmEngine> providers, boolean cache) {
    return new Llm(
        providers,
        new OfflineEngine(),
        cache ? new ResponseCache(redis, Duration.ofMinutes(5)) : null,
        meters,
        List.of(
            (ctx, engine, model, u) -> usage.add(ctx.meetingId() + "/" + model + "/" + u.total())));
  }

  @Test
  void sendsAStrictJsonSchemaRequestAndParsesTheAnswer() {
    fake.enqueue(Reply.content(VALID, 300, 80));
    Llm llm = llm(List.of(engine(Duration.ofSeconds(10), 0, 128_000)), false);

    LlmResult<Summary> r =
        llm.run(SummaryTasks.SUMMARIZE, meeting(), EngineChoice.AUTO, new CallContext("u1", "m1"));

    assertThat(r.engine()).isEqualTo("openai");
    assertThat(r.model()).isEqualTo("gpt-test-0001");
    assertThat(r.usage()).isEqualTo(new TokenUsage(300, 80));
    assertThat(r.fellBack()).isFalse();
    assertThat(r.value().overview()).startsWith("Laura opened");
    assertThat(r.value().actionItems().get(0).owner()).isEqualTo("Laura");
    assertThat(r.value().actionItems().get(0).due()).isEqualTo("2026-01-09");
    // an owner who is neither a speaker nor named in the transcript is dropped
    assertThat(r.value().actionItems().get(1).owner()).isNull();
    assertThat(r.value().actionItems().get(1).confidence()).isEqualTo(0.4);
    assertThat(r.value().actionItems().get(1).due()).isEqualTo("2026-01-12");
    assertThat(usage).containsExactly("m1/gpt-test-0001/380");

    FakeOpenAi.Request request = fake.requests().get(0);
    assertThat(request.path()).isEqualTo("/v1/chat/completions");
    assertThat(request.headers().get("Authorization")).isEqualTo("Bearer sk-test");
    JsonNode body = request.body();
    assertThat(body.get("model").asString()).isEqualTo("gpt-test");
    assertThat(body.get("messages").get(0).get("role").asString()).isEqualTo("system");
    assertThat(body.get("messages").get(0).get("content").asString())
        .contains("Project Manager, Marketing, Laura");
    assertThat(body.get("messages").get(1).get("role").asString()).isEqualTo("user");
    assertThat(body.get("messages").get(1).get("content").asString())
        .contains("Marketing: We should design a remote control");
    JsonNode format = body.get("response_format");
    assertThat(format.get("type").asString()).isEqualTo("json_schema");
    assertThat(format.get("json_schema").get("name").asString()).isEqualTo("summarize");
    assertThat(format.get("json_schema").get("strict").asBoolean()).isTrue();
    JsonNode schema = format.get("json_schema").get("schema");
    assertThat(schema.get("additionalProperties").asBoolean()).isFalse();
    assertThat(schema.get("required").toString())
        .contains("overview", "key_points", "decisions", "action_items", "risks");
    assertThat(body.get("max_completion_tokens").asInt()).isEqualTo(2000);
  }

  @Test
  void fallsBackToOfflineWhenTheAnswerIsNotValidJson() {
    fake.enqueue(Reply.content("Sure! Here is your summary: the team met."));
    Llm llm = llm(List.of(engine(Duration.ofSeconds(10), 0, 128_000)), false);

    LlmResult<Summary> r =
        llm.run(SummaryTasks.SUMMARIZE, meeting(), EngineChoice.AUTO, CallContext.NONE);

    assertThat(r.engine()).isEqualTo("offline");
    assertThat(r.fellBack()).isTrue();
    assertThat(r.value().overview()).isNotBlank();
    assertThat(
            meters.counter("budai.llm.fallbacks", "task", "summarize", "engine", "openai").count())
        .isEqualTo(1.0);
  }

  @Test
  void fallsBackToOfflineWhenTheAnswerMissesRequiredContent() {
    fake.enqueue(
        Reply.content(
            "{\"overview\":\"\",\"key_points\":[],\"decisions\":[],\"action_items\":[],\"risks\":[]}"));
    Llm llm = llm(List.of(engine(Duration.ofSeconds(10), 0, 128_000)), false);

    LlmResult<Summary> r =
        llm.run(SummaryTasks.SUMMARIZE, meeting(), EngineChoice.AUTO, CallContext.NONE);

    assertThat(r.engine()).isEqualTo("offline");
  }

  @Test
  void retriesARateLimitHonouringRetryAfter() {
    fake.enqueue(Reply.rateLimited(1), Reply.content(VALID));
    Llm llm = llm(List.of(engine(Duration.ofSeconds(10), 2, 128_000)), false);

    LlmResult<Summary> r =
        llm.run(SummaryTasks.SUMMARIZE, meeting(), EngineChoice.LLM, CallContext.NONE);

    assertThat(r.engine()).isEqualTo("openai");
    assertThat(fake.requests()).hasSize(2);
    assertThat(fake.requests().get(1).headers().get("X-Stainless-Retry-Count")).isEqualTo("1");
  }

  @Test
  void fallsBackToOfflineWhenTheProviderIsTooSlow() {
    fake.enqueue(Reply.content(VALID).after(Duration.ofSeconds(3)));
    Llm llm = llm(List.of(engine(Duration.ofMillis(500), 0, 128_000)), false);

    LlmResult<Summary> r =
        llm.run(SummaryTasks.SUMMARIZE, meeting(), EngineChoice.AUTO, CallContext.NONE);

    assertThat(r.engine()).isEqualTo("offline");
    assertThat(r.fellBack()).isTrue();
  }

  @Test
  void triesTheNextProviderInOrder() {
    try (FakeOpenAi second = new FakeOpenAi()) {
      fake.enqueue(Reply.badRequest());
      second.enqueue(Reply.content(VALID));
      OpenAiEngine backup =
          new OpenAiEngine(
              "ollama", second.baseUrl(), "", "llama3", Duration.ofSeconds(5), 0, 8192, 0.2);
      Llm llm = llm(List.of(engine(Duration.ofSeconds(5), 0, 128_000), backup), false);

      LlmResult<Summary> r =
          llm.run(SummaryTasks.SUMMARIZE, meeting(), EngineChoice.LLM, CallContext.NONE);

      assertThat(r.engine()).isEqualTo("ollama");
      assertThat(r.fellBack()).isTrue();
      assertThat(second.requests().get(0).headers().get("Authorization")).isEqualTo("Bearer none");
    }
  }

  @Test
  void refusesEngineLlmWhenNoProviderIsConfigured() {
    Llm llm = llm(List.of(), false);
    assertThatThrownBy(
            () -> llm.run(SummaryTasks.SUMMARIZE, meeting(), EngineChoice.LLM, CallContext.NONE))
        .isInstanceOf(LlmUnavailableException.class)
        .hasMessageContaining("OPENAI_BASE_URL");
    assertThat(
            llm.run(SummaryTasks.SUMMARIZE, meeting(), EngineChoice.AUTO, CallContext.NONE)
                .engine())
        .isEqualTo("offline");
  }

  @Test
  void answersTheSameRequestFromTheRedisCache() {
    SummaryInput input =
        new SummaryInput(
            "Cache " + UUID.randomUUID(), "en", LocalDate.of(2026, 1, 5), meeting().turns());
    fake.enqueue(Reply.content(VALID));
    Llm llm = llm(List.of(engine(Duration.ofSeconds(10), 0, 128_000)), true);

    LlmResult<Summary> first =
        llm.run(SummaryTasks.SUMMARIZE, input, EngineChoice.AUTO, CallContext.NONE);
    LlmResult<Summary> second =
        llm.run(SummaryTasks.SUMMARIZE, input, EngineChoice.AUTO, CallContext.NONE);

    assertThat(first.cached()).isFalse();
    assertThat(second.cached()).isTrue();
    assertThat(second.usage()).isEqualTo(TokenUsage.NONE);
    assertThat(second.value()).isEqualTo(first.value());
    assertThat(fake.requests()).hasSize(1);
    // GET budai:llm:cache:{engine}:{model}:{sha256} holds the answer with a TTL
    String key =
        new ResponseCache(redis, Duration.ofMinutes(5))
            .key(engine(Duration.ofSeconds(1), 0, 128_000), SummaryTasks.SUMMARIZE, input);
    assertThat(key).startsWith("budai:llm:cache:openai:gpt-test:");
    assertThat(redis.getExpire(key)).isPositive();
  }

  @Test
  void summarizesALongTranscriptMapReduceStyle() {
    List<Turn> turns = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      turns.add(
          Turn.of(
              i % 2 == 0 ? "Project Manager" : "Marketing",
              "Point number "
                  + i
                  + " is about the remote control budget and the design of the case."));
    }
    SummaryInput input = new SummaryInput("Long", "en", LocalDate.of(2026, 1, 5), turns);
    fake.otherwise(Reply.content(VALID, 1000, 100));
    // a 4k window leaves ~1k tokens of transcript per call
    Llm llm = llm(List.of(engine(Duration.ofSeconds(10), 0, 4096)), false);

    LlmResult<Summary> r =
        llm.run(SummaryTasks.SUMMARIZE, input, EngineChoice.LLM, CallContext.NONE);

    int calls = fake.requests().size();
    assertThat(calls).isGreaterThan(3);
    assertThat(
            fake.requests()
                .get(calls - 1)
                .body()
                .get("response_format")
                .get("json_schema")
                .get("name")
                .asString())
        .isEqualTo("summarize_merge");
    assertThat(
            fake.requests().get(calls - 1).body().get("messages").get(1).get("content").asString())
        .contains("Partial summaries")
        .contains("Laura opened");
    assertThat(r.usage().promptTokens()).isEqualTo(1000L * calls);
  }
}
