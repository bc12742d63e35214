package io.budai.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogTailTests {

  @TempDir Path dir;

  @Test
  void returnsTheLastLines() throws Exception {
    Path log = Files.writeString(dir.resolve("a.log"), "one\ntwo\nthree\nfour\n");

    assertThat(LogTail.last(log, 2)).containsExactly("three", "four");
  }

  @Test
  void returnsEverythingWhenTheFileIsShorter() throws Exception {
    Path log = Files.writeString(dir.resolve("a.log"), "one\ntwo");

    assertThat(LogTail.last(log, 10)).containsExactly("one", "two");
  }

  @Test
  void readsAcrossChunksOfALargeFile() throws Exception {
    List<String> lines =
        IntStream.range(0, 5000).mapToObj(i -> "line " + i + " " + "x".repeat(i % 50)).toList();
    Path log = Files.write(dir.resolve("big.log"), lines);

    assertThat(LogTail.last(log, 30)).isEqualTo(lines.subList(4970, 5000));
  }

  @Test
  void aMissingOrEmptyFileHasNoLines() throws Exception {
    assertThat(LogTail.last(dir.resolve("none.log"), 5)).isEmpty();
    assertThat(LogTail.last(Files.writeString(dir.resolve("empty.log"), ""), 5)).isEmpty();
  }
}
