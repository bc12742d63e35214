package io.budai.botmanager.runtime;

import io.budai.botmanager.BotManagerProperties;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The configured runtime ({@code BOT_RUNTIME}: {@code simulated}, {@code recall}, or {@code auto} =
 * Recall when {@code RECALL_API_KEY} is set, else simulated), and every runtime by name for bots
 * started before a configuration change.
 */
@Component
public class BotRuntimes {

  private static final Logger log = LoggerFactory.getLogger(BotRuntimes.class);

  private final Map<String, BotRuntime> byName;
  private final BotRuntime current;

  BotRuntimes(List<BotRuntime> runtimes, BotManagerProperties properties) {
    this.byName =
        runtimes.stream().collect(Collectors.toMap(BotRuntime::name, Function.identity()));
    String wanted = properties.runtime().trim().toLowerCase(java.util.Locale.ROOT);
    if (wanted.equals("auto")) {
      String key = properties.recall().apiKey();
      wanted = key != null && !key.isBlank() ? "recall" : "simulated";
    }
    BotRuntime chosen = byName.get(wanted);
    if (chosen == null) {
      throw new IllegalStateException(
          "BOT_RUNTIME=" + properties.runtime() + " is unknown; use simulated, recall or auto");
    }
    this.current = chosen;
    log.info("Bots run on the {} runtime", chosen.name());
  }

  /** The runtime new bots start on. */
  public BotRuntime current() {
    return current;
  }

  /** The runtime a bot was started on. */
  public BotRuntime named(String name) {
    BotRuntime runtime = byName.get(name);
    return runtime == null ? current : runtime;
  }
}
