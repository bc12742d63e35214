package io.budai.voice.fakes;

import jakarta.servlet.ServletException;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A local Deepgram live-streaming server ({@code WS /v1/listen}) that speaks the documented
 * protocol (protocols.md §3) so the real client code runs against it:
 *
 * <ul>
 *   <li>the upgrade needs {@code Authorization: Token <key>}; otherwise 401 with {@code dg-error}
 *       and {@code dg-request-id} headers;
 *   <li>binary frames are {@code linear16} audio at the {@code sample_rate} query parameter; the
 *       fake "recognises" speech by energy: every loud region becomes the next phrase of its
 *       script, with interim results while it lasts ({@code is_final:false}) and a final one
 *       ({@code is_final:true, speech_final:true}) after {@code endpointing} ms of silence;
 *   <li>with {@code diarize=true}, words carry {@code speaker}: 0 for a low voice (tone under 600
 *       Hz), 1 for a high one;
 *   <li>{@code KeepAlive} keeps the connection, {@code Finalize} flushes the region in progress
 *       ({@code from_finalize:true}), {@code CloseStream} flushes, sends {@code Metadata} and
 *       closes with 1000; no message for {@link #idleTimeout} closes with 1011 {@code NET-0001}.
 * </ul>
 *
 * A fixed {@link #finalLatency} delays every final result (benchmarks).
 */
public final class FakeDeepgram implements AutoCloseable {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final String apiKey;
  private final EmbeddedTomcat server;
  private final List<Connection> connections = new CopyOnWriteArrayList<>();
  private final AtomicInteger refusals = new AtomicInteger();
  private final ScheduledExecutorService timers =
      Executors.newScheduledThreadPool(2, Thread.ofPlatform().daemon().factory());
  private volatile List<String> script = List.of("hello from the fake deepgram");
  private volatile Duration finalLatency = Duration.ZERO;
  private volatile Duration idleTimeout = Duration.ofSeconds(10);
  private volatile int interimEveryMs = 400;

  public FakeDeepgram(String apiKey) {
    this.apiKey = apiKey;
    FakeDeepgram fake = this;
    ServerEndpointConfig config =
        ServerEndpointConfig.Builder.create(ListenEndpoint.class, "/v1/listen")
            .configurator(
                new ServerEndpointConfig.Configurator() {
                  @Override
                  @SuppressWarnings("unchecked")
                  public <T> T getEndpointInstance(Class<T> endpointClass) {
                    return (T) new ListenEndpoint(fake);
                  }
                })
            .build();
    this.server = new EmbeddedTomcat().valve(new AuthValve()).endpoint(config).start();
    timers.scheduleAtFixedRate(this::closeIdle, 100, 100, TimeUnit.MILLISECONDS);
  }

  /** {@code ws://127.0.0.1:port/v1/listen}. */
  public URI url() {
    return URI.create("ws://127.0.0.1:" + server.port() + "/v1/listen");
  }

  /** Phrases the fake "hears", in order, one per loud region of a connection. */
  public FakeDeepgram script(String... phrases) {
    this.script = List.of(phrases);
    return this;
  }

  public FakeDeepgram finalLatency(Duration latency) {
    this.finalLatency = latency;
    return this;
  }

  public FakeDeepgram idleTimeout(Duration timeout) {
    this.idleTimeout = timeout;
    return this;
  }

  public FakeDeepgram interimEvery(Duration interval) {
    this.interimEveryMs = (int) interval.toMillis();
    return this;
  }

  /** Every connection so far, in order of opening. */
  public List<Connection> connections() {
    return List.copyOf(connections);
  }

  /** Upgrades refused for a bad or missing key. */
  public int refusals() {
    return refusals.get();
  }

  /** Closes every open connection from the server side, as a failing Deepgram would. */
  public void dropAll(int code, String reason) {
    for (Connection c : connections) {
      c.close(code, reason);
    }
  }

  @Override
  public void close() {
    timers.shutdownNow();
    server.close();
  }

  private void closeIdle() {
    long now = System.nanoTime();
    for (Connection c : connections) {
      if (c.open() && now - c.lastMessageNanos > idleTimeout.toNanos()) {
        c.idleClosed = true;
        c.close(1011, "NET-0001");
      }
    }
  }

  /** Refuses upgrades without the right key, with Deepgram's error headers. */
  private final class AuthValve extends ValveBase {
    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
      if (request.getRequestURI().startsWith("/v1/listen")
          && !("Token " + apiKey).equals(request.getHeader("Authorization"))) {
        refusals.incrementAndGet();
        response.setStatus(401);
        response.setHeader("dg-error", "Invalid credentials.");
        response.setHeader("dg-request-id", UUID.randomUUID().toString());
        response.setContentType("application/json");
        response
            .getWriter()
            .write(
                "{\"err_code\":\"INVALID_AUTH\",\"err_msg\":\"Invalid credentials.\","
                    + "\"request_id\":\""
                    + UUID.randomUUID()
                    + "\"}");
        return;
      }
      getNext().invoke(request, response);
    }
  }

  /** What one connection saw and did. */
  public static final class Connection {
    private final FakeDeepgram fake;
    // dropped when the socket closes, so a long benchmark does not keep every session's buffers
    private volatile Session session;
    private final Map<String, String> query;
    private final int rate;
    private final boolean diarize;
    private final boolean interim;
    private final int endpointingSamples;
    final List<String> sent = new CopyOnWriteArrayList<>();
    final List<String> received = new CopyOnWriteArrayList<>();
    volatile long lastMessageNanos = System.nanoTime();
    volatile boolean idleClosed;
    volatile Integer closeCode;
    private long samples;
    private long audioBytes;
    private int phrase;
    // the loud region in progress
    private long regionStart = -1;
    private long lastLoud;
    private final List<Integer> frameSpeakers = new ArrayList<>();
    private long nextInterimAt;
    private int interims;
    private final String requestId = UUID.randomUUID().toString();

    Connection(FakeDeepgram fake, Session session) {
      this.fake = fake;
      this.session = session;
      Map<String, String> q = new LinkedHashMap<>();
      session.getRequestParameterMap().forEach((k, v) -> q.put(k, v.getFirst()));
      this.query = q;
      this.rate = Integer.parseInt(q.getOrDefault("sample_rate", "16000"));
      this.diarize = Boolean.parseBoolean(q.getOrDefault("diarize", "false"));
      this.interim = Boolean.parseBoolean(q.getOrDefault("interim_results", "false"));
      int endpointing = Integer.parseInt(q.getOrDefault("endpointing", "10"));
      this.endpointingSamples = endpointing * rate / 1000;
    }

    public Map<String, String> query() {
      return query;
    }

    /** Control messages the client sent ({@code KeepAlive}, {@code Finalize}, …), in order. */
    public List<String> controlTypes() {
      return received.stream().map(m -> JSON.readTree(m).path("type").asString("")).toList();
    }

    /** JSON messages the fake sent. */
    public List<JsonNode> sentMessages() {
      return sent.stream().map(JSON::readTree).toList();
    }

    public long audioBytes() {
      return audioBytes;
    }

    public boolean open() {
      Session s = session;
      return s != null && s.isOpen();
    }

    void closed() {
      session = null;
    }

    public boolean idleClosed() {
      return idleClosed;
    }

    public Integer closeCode() {
      return closeCode;
    }

    synchronized void audio(ByteBuffer buffer) {
      lastMessageNanos = System.nanoTime();
      audioBytes += buffer.remaining();
      if (!"linear16".equals(query.get("encoding"))) {
        close(1008, "DATA-0000");
        return;
      }
      ByteBuffer le = buffer.order(ByteOrder.LITTLE_ENDIAN);
      int frame = rate / 50;
      short[] samplesOfFrame = new short[frame];
      int n = 0;
      while (le.remaining() >= 2) {
        samplesOfFrame[n++] = le.getShort();
        if (n == frame) {
          frame(samplesOfFrame, n);
          n = 0;
        }
      }
      if (n > 0) {
        frame(samplesOfFrame, n);
      }
    }

    private void frame(short[] s, int n) {
      double sum = 0;
      int crossings = 0;
      for (int i = 0; i < n; i++) {
        sum += (double) s[i] * s[i];
        if (i > 0 && (s[i - 1] < 0) != (s[i] < 0)) {
          crossings++;
        }
      }
      double dbfs = 20 * Math.log10(Math.sqrt(sum / n) / 32768.0 + 1e-12);
      boolean loud = dbfs > -40;
      long frameStart = samples;
      samples += n;
      if (loud) {
        double frequency = crossings * rate / (2.0 * n);
        if (regionStart < 0) {
          regionStart = frameStart;
          frameSpeakers.clear();
          interims = 0;
          nextInterimAt = frameStart + (long) fake.interimEveryMs * rate / 1000;
        }
        frameSpeakers.add(frequency < 600 ? 0 : 1);
        lastLoud = samples;
        if (interim && samples >= nextInterimAt) {
          interims++;
          nextInterimAt += (long) fake.interimEveryMs * rate / 1000;
          send(results(false, false, false, interims));
        }
      } else if (regionStart >= 0) {
        frameSpeakers.add(frameSpeakers.isEmpty() ? 0 : frameSpeakers.getLast());
        if (samples - lastLoud >= endpointingSamples) {
          finish(false);
        }
      }
    }

    /** Ends the loud region in progress with a final result. */
    private void finish(boolean fromFinalize) {
      if (regionStart < 0) {
        return;
      }
      String message = results(true, !fromFinalize, fromFinalize, Integer.MAX_VALUE);
      regionStart = -1;
      phrase++;
      Duration latency = fake.finalLatency;
      if (latency.isZero()) {
        send(message);
      } else {
        fake.timers.schedule(() -> send(message), latency.toMillis(), TimeUnit.MILLISECONDS);
      }
    }

    private String results(boolean isFinal, boolean speechFinal, boolean fromFinalize, int words) {
      List<String> script = fake.script;
      String text =
          phrase < script.size() ? script.get(phrase) : "utterance number " + (phrase + 1);
      String[] all = text.split(" ");
      int count = Math.max(1, Math.min(all.length - (isFinal ? 0 : 1), words));
      if (isFinal) {
        count = all.length;
      }
      double start = regionStart / (double) rate;
      double end = lastLoud / (double) rate;
      double step = (end - start) / all.length;
      List<Map<String, Object>> wordList = new ArrayList<>();
      StringBuilder transcript = new StringBuilder();
      for (int i = 0; i < count; i++) {
        Map<String, Object> w = new LinkedHashMap<>();
        double ws = start + i * step;
        double we = start + (i + 1) * step;
        w.put("word", all[i].toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9']", ""));
        w.put("start", round(ws));
        w.put("end", round(we));
        w.put("confidence", 0.99);
        w.put("punctuated_word", all[i]);
        if (diarize) {
          int frameIndex = (int) (((ws + we) / 2 - start) * 50);
          w.put(
              "speaker",
              frameSpeakers.get(Math.max(0, Math.min(frameSpeakers.size() - 1, frameIndex))));
        }
        wordList.add(w);
        transcript.append(i == 0 ? "" : " ").append(all[i]);
      }
      Map<String, Object> alternative = new LinkedHashMap<>();
      alternative.put("transcript", transcript.toString());
      alternative.put("confidence", 0.99);
      alternative.put("words", wordList);
      Map<String, Object> message = new LinkedHashMap<>();
      message.put("type", "Results");
      message.put("channel_index", List.of(0, 1));
      message.put("duration", round(end - start));
      message.put("start", round(start));
      message.put("is_final", isFinal);
      message.put("speech_final", speechFinal);
      message.put("from_finalize", fromFinalize);
      message.put("channel", Map.of("alternatives", List.of(alternative)));
      message.put(
          "metadata",
          Map.of(
              "request_id",
              requestId,
              "model_info",
              Map.of("name", "fake-nova", "version", "2026-01-01", "arch", "nova-3"),
              "model_uuid",
              "00000000-0000-0000-0000-000000000000"));
      return JSON.writeValueAsString(message);
    }

    synchronized void control(String text) {
      lastMessageNanos = System.nanoTime();
      received.add(text);
      String type = JSON.readTree(text).path("type").asString("");
      switch (type) {
        case "Finalize" -> finish(true);
        case "CloseStream" -> {
          finish(false);
          Runnable close =
              () -> {
                send(
                    JSON.writeValueAsString(
                        Map.of(
                            "type",
                            "Metadata",
                            "transaction_key",
                            "deprecated",
                            "request_id",
                            requestId,
                            "sha256",
                            "0".repeat(64),
                            "created",
                            Instant.now().toString(),
                            "duration",
                            round(samples / (double) rate),
                            "channels",
                            1)));
                close(1000, "");
              };
          Duration latency = fake.finalLatency;
          if (latency.isZero()) {
            close.run();
          } else {
            fake.timers.schedule(close, latency.toMillis() + 5, TimeUnit.MILLISECONDS);
          }
        }
        default -> {}
      }
    }

    void send(String message) {
      Session session = this.session;
      if (session == null) {
        return;
      }
      synchronized (session) {
        if (!session.isOpen()) {
          return;
        }
        try {
          session.getBasicRemote().sendText(message);
          sent.add(message);
        } catch (IOException | IllegalStateException e) {
          // the client went away
        }
      }
    }

    public void close(int code, String reason) {
      Session session = this.session;
      if (session == null) {
        return;
      }
      synchronized (session) {
        try {
          if (session.isOpen()) {
            closeCode = code;
            session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
          }
        } catch (IOException e) {
          // already gone
        }
      }
    }

    private static double round(double v) {
      return Math.round(v * 1000) / 1000.0;
    }
  }

  /** The JSR-356 endpoint: one {@link Connection} per socket. */
  static final class ListenEndpoint extends Endpoint {
    private final FakeDeepgram fake;
    private volatile Connection connection;

    ListenEndpoint(FakeDeepgram fake) {
      this.fake = fake;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
      Connection connection = new Connection(fake, session);
      this.connection = connection;
      fake.connections.add(connection);
      session.addMessageHandler(ByteBuffer.class, connection::audio);
      session.addMessageHandler(String.class, (MessageHandler.Whole<String>) connection::control);
    }

    @Override
    public void onClose(Session session, CloseReason reason) {
      Connection c = connection;
      if (c != null) {
        c.closed();
      }
    }
  }
}
