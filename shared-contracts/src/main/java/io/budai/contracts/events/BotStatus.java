package io.budai.contracts.events;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Lifecycle states of a meeting bot, in the order a successful bot passes through them. */
public enum BotStatus {
  @JsonProperty("requested")
  REQUESTED,
  @JsonProperty("joining")
  JOINING,
  /** In the platform's waiting room until a host admits it (Vexa's {@code awaiting_admission}). */
  @JsonProperty("awaiting_admission")
  AWAITING_ADMISSION,
  @JsonProperty("in_call")
  IN_CALL,
  @JsonProperty("recording")
  RECORDING,
  @JsonProperty("leaving")
  LEAVING,
  @JsonProperty("ended")
  ENDED,
  @JsonProperty("failed")
  FAILED;

  /** Whether the bot is gone for good. */
  public boolean terminal() {
    return this == ENDED || this == FAILED;
  }
}
