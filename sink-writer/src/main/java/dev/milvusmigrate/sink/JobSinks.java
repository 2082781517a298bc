package dev.milvusmigrate.sink;

import dev.milvusmigrate.runtime.JobRunner;
import dev.milvusmigrate.schemas.avro.JobMode;
import dev.milvusmigrate.schemas.avro.JobSpec;
import java.util.ArrayList;
import java.util.List;

/** The sinks of one job in this instance: its snapshot, and for a zero-downtime job its mutations too. */
final class JobSinks implements JobRunner {

  private final JobSpec job;
  private final SinkContext context;
  /** Guarded by this: a stop before the start leaves no sink to start. */
  private List<SupervisedSink> threads = List.of();
  private boolean stopped;

  JobSinks(JobSpec job, SinkContext context) {
    this.job = job;
    this.context = context;
  }

  /** Starts the job's sinks, each on its own thread, and waits until they ended. */
  @Override
  public void run() {
    List<SupervisedSink> started = new ArrayList<>();
    synchronized (this) {
      if (stopped) {
        return;
      }
      JobSink sink = JobSink.of(job, context);
      started.add(new SupervisedSink(sink, sink.threadName(""), SnapshotSink::new));
      if (job.getMode() == JobMode.ZERO_DOWNTIME) {
        started.add(new SupervisedSink(sink, sink.threadName("-mutations"), MutationSink::new));
      }
      started.forEach(SupervisedSink::start);
      threads = started;
    }
    started.forEach(SupervisedSink::awaitEnd);
  }

  @Override
  public void stop(String why) {
    List<SupervisedSink> started;
    synchronized (this) {
      stopped = true;
      started = threads;
    }
    started.forEach(SupervisedSink::close);
  }
}
