package io.budai.voice.stt;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Captures what a session reports, for assertions. */
final class RecordingListener implements SttListener {

  final List<Transcript> transcripts = new CopyOnWriteArrayList<>();
  final List<String> warnings = new CopyOnWriteArrayList<>();
  final List<String> failures = new CopyOnWriteArrayList<>();

  @Override
  public void onTranscripts(List<Transcript> batch) {
    transcripts.addAll(batch);
  }

  @Override
  public void onWarning(String code, String message) {
    warnings.add(code + ": " + message);
  }

  @Override
  public void onFailure(String message) {
    failures.add(message);
  }

  List<Transcript> finals() {
    return transcripts.stream().filter(Transcript::completed).toList();
  }

  List<Transcript> drafts() {
    return transcripts.stream().filter(t -> !t.completed()).toList();
  }
}
