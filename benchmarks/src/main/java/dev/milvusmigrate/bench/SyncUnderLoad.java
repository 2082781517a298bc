package dev.milvusmigrate.bench;

import dev.milvusmigrate.cli.InProcessPipeline;
import dev.milvusmigrate.cli.StatusFollower;
import dev.milvusmigrate.kafka.TopicReader;
import dev.milvusmigrate.schemas.avro.JobSpec;
import dev.milvusmigrate.schemas.avro.JobStage;
import dev.milvusmigrate.schemas.avro.JobState;
import dev.milvusmigrate.schemas.avro.JobStatus;
import dev.milvusmigrate.schemas.avro.ProgressEvent;
import dev.milvusmigrate.schemas.avro.SinkProgress;
import dev.milvusmigrate.schemas.avro.VerificationReport;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A zero-downtime job in this process under a sustained insert load, as the zero-downtime
 * benchmarks measure it: submits the job, waits for SYNCING, writes at a fixed rate for the load's
 * duration, then stops the sync (writes confirmed stopped) and waits for SUCCESSFUL. Lag comes from
 * the sink's acknowledgement reports during the load ({@link LagSamples}).
 */
final class SyncUnderLoad {

  static final long LAG_GOAL_MS = 1000;
  static final double STOP_SYNC_GOAL_S = 2.0;

  private SyncUnderLoad() {}

  /**
   * What one run measured.
   *
   * @param stopSyncSentAt when STOP_SYNC was sent (wall ms)
   * @param drainedAt when the last partition reported its fence drained (wall ms)
   * @param verifiedAt when the last verification report came (wall ms)
   */
  record Result(int rate, long written, Duration load, LagSamples lag, String cpuDuringLoad, Duration stopSync,
      long stopSyncSentAt, long drainedAt, long verifiedAt) {

    double loadSeconds() {
      return load.toMillis() / 1000.0;
    }

    boolean lagGoalMet() {
      return lag.ms().percentile(99) <= LAG_GOAL_MS;
    }

    /** @param rowsBefore rows in the source before the load, for the size of the verification */
    void print(PrintStream out, long rowsBefore) {
      Percentiles lagMs = lag.ms();
      out.printf("Load: %,d rows in %.1f s = %,.0f rows/s (asked %,d rows/s)%n", written, loadSeconds(),
          written / loadSeconds(), rate);
      out.printf("Lag Behind Source from source timestamps (%d samples, one per sink acknowledgement report):"
          + " p50 %d ms, p99 %d ms, max %d ms (goal p99 <= %d ms: %s)%n", lagMs.count(), lagMs.percentile(50),
          lagMs.percentile(99), lagMs.max(), LAG_GOAL_MS, lagGoalMet() ? "met" : "MISSED");
      out.printf("Apply: %,.0f rows/s during the load%n", lag.rowsApplied() / loadSeconds());
      out.printf("During the load: %s%n", cpuDuringLoad);
      out.printf("Stop-sync: STOP_SYNC to SUCCESSFUL in %.2f s (goal <= %.1f s: %s)%n", stopSync.toNanos() / 1e9,
          STOP_SYNC_GOAL_S, stopSync.toNanos() / 1e9 <= STOP_SYNC_GOAL_S ? "met" : "MISSED");
      out.printf("  of which: fence written and every partition drained %.2f s, flush and verification of %,d rows"
          + " %.2f s%n", (drainedAt - stopSyncSentAt) / 1000.0, rowsBefore + written, (verifiedAt - drainedAt) / 1000.0);
    }
  }

  /**
   * Runs {@code spec} on {@code pipeline}; once it syncs, {@code writer} inserts {@code rate} rows a
   * second for {@code load}.
   *
   * @throws IllegalStateException when the job does not end SUCCESSFUL
   */
  static Result run(InProcessPipeline pipeline, JobSpec spec, SteadyWriter writer, int rate, Duration load,
      CpuMeter cpu, PrintStream out) throws InterruptedException {
    String job = spec.getJobId();
    pipeline.topics().submit(spec);
    awaitStage(pipeline, job, JobStage.SYNCING);
    out.printf("Job %s syncing; %d s of load at %,d rows/s ...%n", job, load.toSeconds(), rate);
    Instant loadStart = Instant.now();
    CpuMeter.Sample before = cpu.sample();
    long written;
    try (SteadyWriter running = writer.start(rate)) {
      Thread.sleep(load.toMillis());
      written = running.rowsWritten();
    }
    Instant loadEnd = Instant.now();
    CpuMeter.Sample after = cpu.sample();
    long stopSyncSentAt = System.currentTimeMillis();
    Duration stopSync = stopSync(pipeline, job);
    FenceTimes fence = FenceTimes.of(pipeline, job, stopSyncSentAt);
    return new Result(rate, written, Duration.between(loadStart, loadEnd),
        LagSamples.during(fence.progress(), loadStart.toEpochMilli(), loadEnd.toEpochMilli()),
        CpuMeter.since(before, after) + "; " + CpuMeter.jvmThreadsSince(before, after), stopSync, stopSyncSentAt,
        fence.drainedAt(), fence.verifiedAt());
  }

  /**
   * When the stop of a job's sync got where, from its progress topic: the last partition reported
   * its fence drained, the last verification report came (wall ms).
   */
  record FenceTimes(List<SinkProgress> progress, long drainedAt, long verifiedAt) {

    /** @param stoppedAt when the stop was asked for, the time given for a step no event reports */
    static FenceTimes of(InProcessPipeline pipeline, String job, long stoppedAt) {
      List<Object> events = TopicReader.readAll(pipeline.topics().bootstrap(), pipeline.topics().names().progress(),
          ProgressEvent.class).stream().filter(r -> job.equals(r.key()) && r.value() != null)
          .map(r -> r.value().getPayload()).toList();
      List<SinkProgress> progress = events.stream().filter(SinkProgress.class::isInstance)
          .map(SinkProgress.class::cast).toList();
      long drainedAt = progress.stream().filter(p -> p.getFenceTs() != null).mapToLong(SinkProgress::getAt).max()
          .orElse(stoppedAt);
      long verifiedAt = events.stream().filter(VerificationReport.class::isInstance)
          .map(VerificationReport.class::cast).mapToLong(VerificationReport::getAt).max().orElse(drainedAt);
      return new FenceTimes(progress, drainedAt, verifiedAt);
    }
  }

  static void awaitStage(InProcessPipeline pipeline, String job, JobStage stage) {
    JobStatus status = new StatusFollower(pipeline.topics(), pipeline::statusServiceStopped)
        .until(job, s -> s.getStage() == stage);
    if (status.getState() != JobState.IN_PROGRESS) {
      throw new IllegalStateException("Job " + job + " ended " + status.getState() + ": " + status.getReason());
    }
  }

  static Duration stopSync(InProcessPipeline pipeline, String job) {
    long sent = System.nanoTime();
    pipeline.topics().stopSync(job, true, "zdm-benchmark (writer stopped)");
    JobStatus last = new StatusFollower(pipeline.topics(), pipeline::statusServiceStopped)
        .follow(job, status -> { }, () -> false).orElseThrow();
    Duration took = Duration.ofNanos(System.nanoTime() - sent);
    if (last.getState() != JobState.SUCCESSFUL) {
      throw new IllegalStateException("Job " + job + " ended " + last.getState() + ": " + last.getReason());
    }
    return took;
  }
}
