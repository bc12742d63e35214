package io.budai.deploy.target;

import java.util.List;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** SnakeYAML set up once: safe loading, block-style writing. */
public final class Yaml {

  private Yaml() {}

  /** A loader that builds only maps, lists and scalars. */
  public static org.yaml.snakeyaml.Yaml loader() {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(200);
    return new org.yaml.snakeyaml.Yaml(new SafeConstructor(options));
  }

  /** Every document of a multi-document YAML text ({@code ---} separated), empty ones left out. */
  public static List<Object> loadAll(String text) {
    java.util.ArrayList<Object> documents = new java.util.ArrayList<>();
    for (Object document : loader().loadAll(text)) {
      if (document != null) {
        documents.add(document);
      }
    }
    return documents;
  }

  /** Writes {@code document} in block style, keys in insertion order. */
  public static String dump(Object document) {
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setIndent(2);
    options.setIndicatorIndent(2);
    options.setIndentWithIndicator(true);
    options.setWidth(120);
    options.setSplitLines(false);
    return new org.yaml.snakeyaml.Yaml(options).dump(document);
  }
}
