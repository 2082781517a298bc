package dev.milvusmigrate.sink;

import dev.milvusmigrate.schemas.avro.JobMode;
import dev.milvusmigrate.schemas.avro.JobSpec;
import java.util.ArrayList;
import java.util.List;

/** The sinks of one job in this instance: its snapshot, and for a zero-downtime job its mutations too. */
final class JobSinks implements AutoCloseable {

  private final List<SinkThread<?>> threads;

  private JobSinks(List<SinkThread<?>> threads) {
    this.threads = threads;
  }

  static JobSinks start(JobSpec job, SinkContext context) {
    List<SinkThread<?>> threads = new ArrayList<>();
    threads.add(new SnapshotSink(job, context));
    if (job.getMode() == JobMode.ZERO_DOWNTIME) {
      threads.add(new MutationSink(job, context));
    }
    threads.forEach(SinkThread::start);
    return new JobSinks(threads);
  }

  boolean isRunning() {
    return threads.stream().anyMatch(SinkThread::isRunning);
  }

  @Override
  public void close() {
    threads.forEach(SinkThread::close);
  }
}
