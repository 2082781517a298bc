package dev.milvusmigrate.lag;

import dev.milvusmigrate.schemas.avro.CollectionCopied;
import dev.milvusmigrate.schemas.avro.ControlCommand;
import dev.milvusmigrate.schemas.avro.JobFailed;
import dev.milvusmigrate.schemas.avro.JobPlanned;
import dev.milvusmigrate.schemas.avro.JobSpec;
import dev.milvusmigrate.schemas.avro.ProgressEvent;
import dev.milvusmigrate.schemas.avro.VerificationReport;

/**
 * One fact about a job from any of its input topics (jobs, the job's progress topic, control),
 * mapped to a common type so they can be folded in order per job.
 */
public sealed interface JobEvent {

  /** The job the fact is about. */
  String jobId();

  /** Wall-clock ms of the fact, as its producer stamped it. */
  long at();

  record Submitted(JobSpec spec) implements JobEvent {
    @Override
    public String jobId() {
      return spec.getJobId();
    }

    @Override
    public long at() {
      return spec.getSubmittedAt();
    }
  }

  record Progress(String jobId, ProgressEvent event) implements JobEvent {
    @Override
    public long at() {
      Object payload = event.getPayload();
      if (payload instanceof JobPlanned planned) {
        return planned.getAt();
      } else if (payload instanceof CollectionCopied copied) {
        return copied.getAt();
      } else if (payload instanceof VerificationReport report) {
        return report.getAt();
      }
      return ((JobFailed) payload).getAt();
    }
  }

  record Command(ControlCommand command) implements JobEvent {
    @Override
    public String jobId() {
      return command.getJobId();
    }

    @Override
    public long at() {
      return command.getIssuedAt();
    }
  }

  /**
   * Whether the job status is folded from this progress event: plans, rows copied, verification
   * reports and failures. Others (applied watermarks, capture starts) are for the lag.
   */
  static boolean foldsIntoStatus(ProgressEvent event) {
    Object payload = event.getPayload();
    return payload instanceof JobPlanned || payload instanceof CollectionCopied
        || payload instanceof VerificationReport || payload instanceof JobFailed;
  }

  /**
   * A progress event of the job keyed {@code recordKey}; the payload's own job id wins, the
   * record key covers a stand-alone verification report that carries none.
   */
  static Progress progress(String recordKey, ProgressEvent event) {
    Object payload = event.getPayload();
    String fromPayload;
    if (payload instanceof JobPlanned planned) {
      fromPayload = planned.getJobId();
    } else if (payload instanceof CollectionCopied copied) {
      fromPayload = copied.getJobId();
    } else if (payload instanceof VerificationReport report) {
      fromPayload = report.getJobId();
    } else {
      fromPayload = ((JobFailed) payload).getJobId();
    }
    return new Progress(fromPayload != null ? fromPayload : recordKey, event);
  }
}
