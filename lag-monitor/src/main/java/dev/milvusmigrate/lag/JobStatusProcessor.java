package dev.milvusmigrate.lag;

import dev.milvusmigrate.schemas.avro.JobStatus;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** Folds each job event into the stored status of its job and forwards the status when it changed. */
final class JobStatusProcessor implements Processor<String, JobEvent, String, JobStatus> {

  private ProcessorContext<String, JobStatus> context;
  private KeyValueStore<String, JobStatus> statuses;

  @Override
  public void init(ProcessorContext<String, JobStatus> processorContext) {
    this.context = processorContext;
    this.statuses = processorContext.getStateStore(JobStatusTopology.STATUS_STORE);
  }

  @Override
  public void process(Record<String, JobEvent> record) {
    String jobId = record.key();
    JobStatus stored = statuses.get(jobId);
    JobStatus current = stored != null ? stored : JobStatusFolder.initial(jobId);
    JobStatus next = JobStatusFolder.fold(current, record.value());
    if (next != current) {
      statuses.put(jobId, next);
      context.forward(record.withValue(next));
    }
  }
}
