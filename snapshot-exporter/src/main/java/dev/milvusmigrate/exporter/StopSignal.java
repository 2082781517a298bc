package dev.milvusmigrate.exporter;

/** Tells the workers of one job to stop; checked between source calls and before every commit. */
final class StopSignal {

  private volatile String reason;

  void stop(String why) {
    if (reason == null) {
      reason = why;
    }
  }

  boolean isStopped() {
    return reason != null;
  }

  /** Throws {@link ExportStopped} once {@link #stop} was called. */
  void check() {
    String why = reason;
    if (why != null) {
      throw new ExportStopped(why);
    }
  }
}
