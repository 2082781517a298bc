package dev.milvusmigrate.cli;

import dev.milvusmigrate.core.domain.JobId;
import dev.milvusmigrate.kafka.JobTopics;
import dev.milvusmigrate.schemas.avro.JobState;
import dev.milvusmigrate.schemas.avro.JobStatus;
import java.io.PrintWriter;
import java.util.Optional;

/** What the commands that run a job share: the job id, and the report and exit code at its end. */
public final class JobOutcome {

  private JobOutcome() {}

  /** The given job id, or {@code <mode>-<date>-<time>-<hex>}; a bad one is a clear usage error. */
  public static JobId jobId(String given, String mode) {
    if (given == null) {
      return JobId.generated(mode);
    }
    try {
      return new JobId(given);
    } catch (IllegalArgumentException e) {
      throw CliFailure.badInput(e.getMessage());
    }
  }

  /** Prints the verification table and the final state; returns the exit code. */
  static int report(PrintWriter out, JobTopics topics, JobId job, Optional<JobStatus> last) {
    if (last.isEmpty()) {
      out.println("Job " + job + " was asked to cancel but did not confirm within "
          + StatusFollower.CANCEL_GRACE.toSeconds() + " s; the services were stopped.");
      return ExitCode.CANCELED;
    }
    JobStatus status = last.get();
    out.print(VerificationTable.render(topics.verificationReports(job)));
    out.println("Job " + job + " ended " + status.getState()
        + (status.getReason() == null ? "." : ": " + status.getReason()));
    if (status.getState() == JobState.FAILED && status.getErrorDetails() != null) {
      out.println(status.getErrorDetails());
    }
    return ExitCode.of(status.getState());
  }
}
