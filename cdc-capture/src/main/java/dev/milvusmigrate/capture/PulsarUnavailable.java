package dev.milvusmigrate.capture;

/** The source's Pulsar failed or refused a request; capture restarts from its checkpoints. */
final class PulsarUnavailable extends RuntimeException {

  PulsarUnavailable(String message, Throwable cause) {
    super(message, cause);
  }
}
