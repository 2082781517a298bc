package dev.milvusmigrate.runtime;

/** A service's work on one job, run by {@link JobServiceHost} on a thread of its own. */
public interface JobRunner {

  /**
   * Does the job's work and returns when it is done, failed (reported by the runner) or stopped.
   * Runs with the job in the {@link LogContext}, after the job's topics were created.
   */
  void run();

  /**
   * Asks the work to end promptly; called from another thread, possibly before {@link #run} began.
   *
   * @param why for the log, e.g. {@code the job ended as CANCELED}
   */
  void stop(String why);

  /**
   * The job ended while the runner worked on it: stops the work, like {@link #stop}, and lets a
   * runner remove what it keeps outside the pipeline for the job (capture's subscription on the
   * source's Pulsar), which a stop for a shutdown keeps.
   *
   * @param state SUCCESSFUL, FAILED or CANCELED
   */
  default void jobEnded(String state) {
    stop("the job ended as " + state);
  }

  /**
   * Whether the runner's part of the job is done while the job goes on (e.g. the export is all on
   * Kafka, or capture wrote the stop-sync fence), so the service is not reported missing from it.
   */
  default boolean finishedItsPart() {
    return false;
  }
}
