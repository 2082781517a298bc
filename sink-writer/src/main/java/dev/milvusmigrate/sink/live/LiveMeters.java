package dev.milvusmigrate.sink.live;

/** What a live verification counts. */
public interface LiveMeters {

  /** A baseline scan of every collection of the job finished. */
  void baselineTaken();

  /** {@code entities} changed entities were compared on both sides. */
  void entitiesCompared(int entities);
}
