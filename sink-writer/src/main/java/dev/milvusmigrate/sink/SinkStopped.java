package dev.milvusmigrate.sink;

/** The sink was asked to stop while it waited; the current record stays uncommitted. */
final class SinkStopped extends RuntimeException {

  private static final long serialVersionUID = 1L;

  SinkStopped() {
    super("The sink was stopped.");
  }
}
