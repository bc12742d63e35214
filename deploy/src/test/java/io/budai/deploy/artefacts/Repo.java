package io.budai.deploy.artefacts;

import io.budai.deploy.target.Yaml;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The repository's files, as the tests read them. */
final class Repo {

  /** The repository root: surefire runs in the module directory. */
  static final Path ROOT = Path.of("").toAbsolutePath().getParent();

  private Repo() {}

  static String read(String path) {
    try {
      return Files.readString(ROOT.resolve(path), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> yaml(String path) {
    return (Map<String, Object>) Yaml.loader().load(read(path));
  }

  static List<Object> yamlDocuments(String path) {
    return Yaml.loadAll(read(path));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object value) {
    return (List<Object>) value;
  }
}
