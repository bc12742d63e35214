package io.budai.voice.stt;

import java.util.List;

/** Receives what a session recognised. Called from the engine's threads, one call at a time. */
public interface SttListener {

  /** New drafts or finals, in order. */
  void onTranscripts(List<Transcript> transcripts);

  /** Something went wrong that the session survived (an utterance was lost, a reconnect). */
  void onWarning(String code, String message);

  /** The session failed for good; the stream cannot go on. */
  void onFailure(String message);
}
