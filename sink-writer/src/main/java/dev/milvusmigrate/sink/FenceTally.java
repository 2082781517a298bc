package dev.milvusmigrate.sink;

import dev.milvusmigrate.schemas.avro.SinkProgress;
import java.util.HashMap;
import java.util.Map;

/**
 * Which mutations partitions of a stopping zero-downtime job were drained to the stop-sync fence,
 * folded from the job's progress events (whichever sink instance drained them). Complete once
 * every partition the fence was written to reported it. Pure.
 */
final class FenceTally {

  private final Map<Integer, Long> drained = new HashMap<>();
  private int partitions;

  void accept(Object payload) {
    if (payload instanceof SinkProgress progress && progress.getFenceTs() != null) {
      drained.put(progress.getPartition(), progress.getFenceTs());
      partitions = progress.getPartitions() == null ? partitions : Math.max(partitions, progress.getPartitions());
    }
  }

  boolean complete() {
    return partitions > 0 && drained.size() >= partitions;
  }
}
