package dev.milvusmigrate.cli;

import dev.milvusmigrate.kafka.JobStatusWatch;
import dev.milvusmigrate.kafka.JobTopics;
import dev.milvusmigrate.schemas.JobStates;
import dev.milvusmigrate.schemas.avro.JobStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Follows a job on the status topic until it reaches a final state. When cancellation is asked
 * for, publishes CANCEL once and waits a bounded time for the job to end.
 */
public final class StatusFollower {

  static final Duration CANCEL_GRACE = Duration.ofSeconds(30);

  private final JobTopics topics;
  private final BooleanSupplier statusServiceStopped;

  /** @param statusServiceStopped true once the service that publishes statuses has stopped for good */
  public StatusFollower(JobTopics topics, BooleanSupplier statusServiceStopped) {
    this.topics = topics;
    this.statusServiceStopped = statusServiceStopped;
  }

  /** The job's final status, or empty when a requested cancel was not confirmed in time. */
  public Optional<JobStatus> follow(String jobId, Consumer<JobStatus> onUpdate, BooleanSupplier cancelRequested) {
    return follow(jobId, onUpdate, cancelRequested, status -> JobStates.isFinal(status.getState()));
  }

  /** The first status of the job that is final or matches {@code wanted}. */
  public JobStatus until(String jobId, Predicate<JobStatus> wanted) {
    return until(jobId, wanted, status -> { });
  }

  /** The same, handing every status of the job read on the way to {@code onUpdate}. */
  public JobStatus until(String jobId, Predicate<JobStatus> wanted, Consumer<JobStatus> onUpdate) {
    return follow(jobId, onUpdate, () -> false,
        status -> wanted.test(status) || JobStates.isFinal(status.getState())).orElseThrow();
  }

  private Optional<JobStatus> follow(String jobId, Consumer<JobStatus> onUpdate, BooleanSupplier cancelRequested,
      Predicate<JobStatus> end) {
    try (JobStatusWatch watch = JobStatusWatch.open(topics, jobId)) {
      Instant cancelDeadline = null;
      while (cancelDeadline == null || Instant.now().isBefore(cancelDeadline)) {
        if (statusServiceStopped.getAsBoolean()) {
          throw new CliFailure(ExitCode.INTERNAL_ERROR, "The job-status service (lag-monitor) stopped, so the end of"
              + " job " + jobId + " cannot be seen; see the log, then run the same command again: collections"
              + " already on the target are written with upserts, so nothing is duplicated.");
        }
        for (JobStatus status : watch.next(Duration.ofMillis(250))) {
          onUpdate.accept(status);
          if (end.test(status)) {
            return Optional.of(status);
          }
        }
        if (cancelDeadline == null && cancelRequested.getAsBoolean()) {
          topics.cancel(jobId, "Ctrl-C in milvus-migrate offline");
          cancelDeadline = Instant.now().plus(CANCEL_GRACE);
        }
      }
      return Optional.empty();
    }
  }
}
