package dev.milvusmigrate.lag;

import dev.milvusmigrate.schemas.avro.CommandType;
import dev.milvusmigrate.schemas.avro.Heartbeat;
import dev.milvusmigrate.schemas.avro.JobFailed;
import dev.milvusmigrate.schemas.avro.JobMode;
import dev.milvusmigrate.schemas.avro.JobPlanned;
import dev.milvusmigrate.schemas.avro.LagReport;
import dev.milvusmigrate.schemas.avro.LagState;
import dev.milvusmigrate.schemas.avro.PartitionLag;
import dev.milvusmigrate.schemas.avro.SinkProgress;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lag Behind Source of a zero-downtime job, from source timestamps: how far the oldest mutations
 * partition the sink applied is behind the newest source time capture reported, plus how long
 * ago capture reported it. The second term is what keeps the lag honest when capture is down
 * (its reports stop, so the lag grows with the wall clock); a stopped sink shows because capture's
 * head keeps advancing while the applied times do not. Before the sink applied anything from the
 * log, the target reflects the source at the snapshot timestamp T. Pure: no I/O, no clock.
 */
final class LagCalculator {

  private final long staleAfterMs;

  LagCalculator(long staleAfterMs) {
    this.staleAfterMs = staleAfterMs;
  }

  static LagState initial(String jobId) {
    return LagState.newBuilder().setJobId(jobId).build();
  }

  /** The state after one fact about the job; the same instance when the fact does not concern lag. */
  static LagState fold(LagState state, JobEvent event) {
    if (event instanceof JobEvent.Submitted submitted) {
      return submitted.spec().getMode() == JobMode.ZERO_DOWNTIME ? state : ended(state);
    }
    if (event instanceof JobEvent.Command command) {
      return command.command().getType() == CommandType.CANCEL ? ended(state) : state;
    }
    if (!(event instanceof JobEvent.Progress progressEvent)) {
      return state;
    }
    Object payload = progressEvent.event().getPayload();
    if (payload instanceof Heartbeat heartbeat) {
      LagState next = LagState.newBuilder(state).build();
      next.setHeadTs(Math.max(state.getHeadTs() == null ? Long.MIN_VALUE : state.getHeadTs(), heartbeat.getSourceTs()));
      next.setHeadAt(Math.max(state.getHeadAt(), heartbeat.getAt()));
      return next;
    } else if (payload instanceof SinkProgress progress) {
      LagState next = LagState.newBuilder(state).build();
      Map<String, Long> applied = new HashMap<>(state.getApplied());
      applied.merge(Integer.toString(progress.getPartition()), progress.getAppliedTs(), Math::max);
      next.setApplied(applied);
      return next;
    } else if (payload instanceof JobPlanned planned) {
      LagState next = LagState.newBuilder(state).build();
      next.setSnapshotTs(planned.getSnapshotTs());
      return next;
    } else if (payload instanceof JobFailed) {
      return ended(state);
    }
    return state;
  }

  /** The lag at wall-clock time {@code now}; empty until both ends are known (capture reported, T or an applied time). */
  Optional<LagReport> report(LagState state, long now) {
    if (state.getEnded() || state.getHeadTs() == null || (state.getApplied().isEmpty() && state.getSnapshotTs() == null)) {
      return Optional.empty();
    }
    long head = state.getHeadTs();
    long sinceReport = Math.max(0, now - state.getHeadAt());
    List<PartitionLag> partitions = state.getApplied().entrySet().stream()
        .map(e -> new PartitionLag(Integer.parseInt(e.getKey()), head, e.getValue(), behind(head, e.getValue()) + sinceReport))
        .sorted(Comparator.comparingInt(PartitionLag::getPartition)).toList();
    long applied = state.getApplied().values().stream().mapToLong(Long::longValue).min()
        .orElse(state.getSnapshotTs());
    return Optional.of(LagReport.newBuilder().setJobId(state.getJobId()).setLagMs(behind(head, applied) + sinceReport)
        .setSourceHeadTs(head).setAppliedTs(applied).setComputedAt(now).setPartitions(partitions)
        .setStale(sinceReport > staleAfterMs).build());
  }

  /** Milliseconds of source time between two hybrid timestamps, never negative. */
  private static long behind(long head, long applied) {
    return Math.max(0, (head >>> 18) - (applied >>> 18));
  }

  private static LagState ended(LagState state) {
    if (state.getEnded()) {
      return state;
    }
    LagState next = LagState.newBuilder(state).build();
    next.setEnded(true);
    return next;
  }
}
