package dev.milvusmigrate.sink;

import dev.milvusmigrate.core.concurrent.StopSignal;
import dev.milvusmigrate.core.domain.JobId;
import dev.milvusmigrate.schemas.avro.JobSpec;
import dev.milvusmigrate.verification.CollectionVerifier;

/**
 * What a job's snapshot and mutation threads share in one sink instance, built once per job: the
 * stop of the job's work, its progress reports and meters, retries against the target, and where
 * its rows go.
 */
record JobSink(JobSpec job, JobId jobId, SinkContext context, StopSignal stop, ProgressPublisher progress,
    SinkMetrics metrics, TargetRetrier retrier, JobTargets targets) {

  static JobSink of(JobSpec job, SinkContext context) {
    StopSignal stop = new StopSignal();
    SinkMetrics metrics = new SinkMetrics(context.registry(), job.getJobId());
    TargetRetrier retrier = new TargetRetrier(context.retryPolicy(), stop, metrics::targetRetried);
    return new JobSink(job, new JobId(job.getJobId()), context, stop,
        new ProgressPublisher(context.progressProducer(), context.topics().progress(), job.getJobId()), metrics,
        retrier, new JobTargets(job, new TargetPreparer(context.source(), context.target()), retrier,
            context.target().catalog()));
  }

  /** The end of a collection's copy, verified with {@code shortcut} where it can. */
  CollectionFinisher finisher(CollectionVerifier.Shortcut shortcut) {
    return new CollectionFinisher(job, context, retrier, progress, targets, metrics, shortcut);
  }

  /** The name of one of the job's sink threads and its Kafka client: {@code <instance>-sink<part>-<job>}. */
  String threadName(String part) {
    return context.instanceId() + "-sink" + part + "-" + jobId;
  }
}
