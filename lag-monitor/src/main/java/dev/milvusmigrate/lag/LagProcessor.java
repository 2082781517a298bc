package dev.milvusmigrate.lag;

import dev.milvusmigrate.schemas.JobStates;
import dev.milvusmigrate.schemas.avro.JobStatus;
import dev.milvusmigrate.schemas.avro.LagReport;
import dev.milvusmigrate.schemas.avro.LagState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps each zero-downtime job's {@link LagState}, and publishes its lag on every fact about it and
 * every report interval of wall-clock time (so the lag keeps growing when nothing arrives), plus the
 * below-threshold notification. Stops reporting a job once its status is final.
 */
final class LagProcessor implements Processor<String, JobEvent, String, SpecificRecordBase> {

  private final LagCalculator calculator;
  private final LagNotifier notifier;
  private final Duration reportInterval;
  private final LagMetrics metrics;
  private ProcessorContext<String, SpecificRecordBase> context;
  private KeyValueStore<String, LagState> states;
  private KeyValueStore<String, JobStatus> statuses;

  LagProcessor(LagCalculator calculator, LagNotifier notifier, Duration reportInterval, LagMetrics metrics) {
    this.calculator = calculator;
    this.notifier = notifier;
    this.reportInterval = reportInterval;
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<String, SpecificRecordBase> processorContext) {
    this.context = processorContext;
    this.states = processorContext.getStateStore(LagTopology.LAG_STORE);
    this.statuses = processorContext.getStateStore(JobStatusTopology.STATUS_STORE);
    processorContext.schedule(reportInterval, PunctuationType.WALL_CLOCK_TIME, this::reportAll);
  }

  @Override
  public void process(Record<String, JobEvent> record) {
    String jobId = record.key();
    LagState stored = states.get(jobId);
    LagState current = stored != null ? stored : LagCalculator.initial(jobId);
    LagState next = LagCalculator.fold(current, record.value());
    if (next != current) {
      states.put(jobId, next);
      report(jobId, next, context.currentSystemTimeMs());
    }
  }

  private void reportAll(long now) {
    List<KeyValue<String, LagState>> jobs = new ArrayList<>();
    try (KeyValueIterator<String, LagState> all = states.all()) {
      all.forEachRemaining(jobs::add);
    }
    jobs.forEach(job -> report(job.key, job.value, now));
  }

  private void report(String jobId, LagState state, long now) {
    if (state.getEnded()) {
      metrics.ended(jobId);
      return;
    }
    JobStatus status = statuses.get(jobId);
    if (status != null && JobStates.isFinal(status.getState())) {
      states.put(jobId, LagState.newBuilder(state).setEnded(true).build());
      metrics.ended(jobId);
      return;
    }
    calculator.report(state, now).ifPresent(report -> publish(jobId, state, report, now));
  }

  private void publish(String jobId, LagState state, LagReport report, long now) {
    context.forward(new Record<>(jobId, report, now));
    metrics.lag(jobId, report.getLagMs());
    LagNotifier.Step step = notifier.observe(state, report);
    if (!step.state().equals(state)) {
      states.put(jobId, step.state());
    }
    step.notification().ifPresent(notification -> context.forward(new Record<>(jobId, notification, now)));
  }
}
