package dev.milvusmigrate.lag;

import dev.milvusmigrate.schemas.avro.ControlCommand;
import dev.milvusmigrate.schemas.avro.JobSpec;
import dev.milvusmigrate.schemas.avro.ProgressEvent;
import dev.milvusmigrate.schemas.avro.ServiceWarning;
import java.util.List;
import org.apache.avro.generic.GenericRecord;

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
      return (Long) ((GenericRecord) event.getPayload()).get("at");
    }
  }

  /** The wall clock passed a zero-downtime job's sync deadline (never read from a topic). */
  record DeadlinePassed(String jobId, long at, String maxDuration) implements JobEvent {}

  /** What the services' announcements say the job lacks, checked on the wall clock (never read from a topic). */
  record ServicesChecked(String jobId, long at, List<ServiceWarning> warnings) implements JobEvent {}

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
   * A progress event of the job keyed {@code recordKey} (every payload has {@code job_id} and
   * {@code at}); the payload's own job id wins, the
   * record key covers a stand-alone verification report that carries none.
   */
  static Progress progress(String recordKey, ProgressEvent event) {
    Object fromPayload = ((GenericRecord) event.getPayload()).get("job_id");
    return new Progress(fromPayload != null ? fromPayload.toString() : recordKey, event);
  }
}
