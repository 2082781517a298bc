package dev.milvusmigrate.bench;

import dev.milvusmigrate.schemas.avro.SinkProgress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Lag samples from the sink's acknowledgement reports: each says the target acknowledged, at wall
 * time {@code at}, a write whose newest source timestamp is {@code applied_ts}; the difference is
 * how far the target was behind the source then. Only reports within the load window count.
 */
record LagSamples(Percentiles ms, long rowsApplied) {

  static LagSamples during(List<SinkProgress> reports, long fromMs, long toMs) {
    List<SinkProgress> inWindow = reports.stream().filter(r -> r.getAt() >= fromMs && r.getAt() <= toMs).toList();
    long[] lags = inWindow.stream().mapToLong(r -> Math.max(0, r.getAt() - (r.getAppliedTs() >>> 18))).toArray();
    Map<Integer, long[]> appliedRange = new HashMap<>();
    inWindow.forEach(r -> appliedRange.merge(r.getPartition(), new long[] {r.getRowsApplied(), r.getRowsApplied()},
        (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])}));
    long applied = appliedRange.values().stream().mapToLong(range -> range[1] - range[0]).sum();
    return new LagSamples(Percentiles.of(lags), applied);
  }
}
