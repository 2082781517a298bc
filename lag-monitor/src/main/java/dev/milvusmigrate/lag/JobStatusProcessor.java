package dev.milvusmigrate.lag;

import dev.milvusmigrate.schemas.JobStates;
import dev.milvusmigrate.schemas.avro.JobMode;
import dev.milvusmigrate.schemas.avro.JobState;
import dev.milvusmigrate.schemas.avro.JobStatus;
import dev.milvusmigrate.schemas.avro.Notification;
import dev.milvusmigrate.schemas.avro.NotificationKind;
import dev.milvusmigrate.schemas.avro.ServicePresence;
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
 * Folds each job event into the stored status of its job and forwards the status when it changed;
 * a control command that cannot act also yields an ERROR notification saying why. Every second of
 * wall-clock time it ends zero-downtime jobs whose sync deadline passed, and sets the warnings of
 * running jobs that lack a live service ({@link ServiceLiveness}, from the services' announcements
 * in the global {@link JobStatusTopology#PRESENCE_STORE}), so a job nobody works on says so although
 * nothing arrives for it.
 */
final class JobStatusProcessor implements Processor<String, JobEvent, String, SpecificRecordBase> {

  private static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);

  private final Duration maxSync;
  private final ServiceLiveness liveness;
  private final LagMetrics metrics;
  private ProcessorContext<String, SpecificRecordBase> context;
  private KeyValueStore<String, JobStatus> statuses;
  private KeyValueStore<String, ServicePresence> presences;
  private long listeningSince;

  JobStatusProcessor(Duration maxSync, ServiceLiveness liveness, LagMetrics metrics) {
    this.maxSync = maxSync;
    this.liveness = liveness;
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<String, SpecificRecordBase> processorContext) {
    this.context = processorContext;
    this.statuses = processorContext.getStateStore(JobStatusTopology.STATUS_STORE);
    this.presences = processorContext.getStateStore(JobStatusTopology.PRESENCE_STORE);
    this.listeningSince = processorContext.currentSystemTimeMs();
    processorContext.schedule(CHECK_INTERVAL, PunctuationType.WALL_CLOCK_TIME, now -> {
      endExpiredSyncs(now);
      checkServices(now);
    });
  }

  @Override
  public void process(Record<String, JobEvent> record) {
    String jobId = record.key();
    JobStatus stored = statuses.get(jobId);
    if (record.value() instanceof JobEvent.Command command) {
      CommandCheck.rejection(stored, command.command()).ifPresent(reason -> context.forward(
          new Record<>(jobId, rejected(jobId, reason, command.at()), record.timestamp())));
    }
    JobStatus current = stored != null ? stored : JobStatusFolder.initial(jobId);
    apply(jobId, current, record.value(), record.timestamp());
  }

  private void apply(String jobId, JobStatus current, JobEvent event, long timestamp) {
    JobStatus next = withDeadline(JobStatusFolder.fold(current, event), event);
    if (next != current) {
      statuses.put(jobId, next);
      context.forward(new Record<>(jobId, next, timestamp));
    }
    metrics.lacksService(jobId, !next.getServiceWarnings().isEmpty());
  }

  /** A zero-downtime job's sync ends by itself after the job's maximum duration, or the service default. */
  private JobStatus withDeadline(JobStatus status, JobEvent event) {
    if (!(event instanceof JobEvent.Submitted submitted) || status.getMode() != JobMode.ZERO_DOWNTIME
        || status.getSyncDeadline() != null || JobStates.isFinal(status.getState())) {
      return status;
    }
    Long perJob = submitted.spec().getMaxSyncDurationMs();
    JobStatus next = JobStatus.newBuilder(status).build();
    next.setSyncDeadline(status.getStartedAt() + (perJob != null ? perJob : maxSync.toMillis()));
    return next;
  }

  private void endExpiredSyncs(long now) {
    List<KeyValue<String, JobStatus>> expired = new ArrayList<>();
    try (KeyValueIterator<String, JobStatus> all = statuses.all()) {
      all.forEachRemaining(entry -> {
        JobStatus status = entry.value;
        if (status.getState() == JobState.IN_PROGRESS && status.getSyncDeadline() != null
            && now >= status.getSyncDeadline()) {
          expired.add(entry);
        }
      });
    }
    expired.forEach(entry -> apply(entry.key, entry.value, new JobEvent.DeadlinePassed(entry.key, now,
        durationText(entry.value)), now));
  }

  private void checkServices(long now) {
    List<ServicePresence> announced = new ArrayList<>();
    try (KeyValueIterator<String, ServicePresence> all = presences.all()) {
      all.forEachRemaining(entry -> announced.add(entry.value));
    }
    List<KeyValue<String, JobStatus>> running = new ArrayList<>();
    try (KeyValueIterator<String, JobStatus> all = statuses.all()) {
      all.forEachRemaining(entry -> {
        if (entry.value.getState() == JobState.IN_PROGRESS) {
          running.add(entry);
        }
      });
    }
    running.forEach(entry -> apply(entry.key, entry.value, new JobEvent.ServicesChecked(entry.key, now,
        liveness.warnings(entry.value, announced, now, listeningSince)), now));
  }

  private static String durationText(JobStatus status) {
    return Duration.ofMillis(status.getSyncDeadline() - status.getStartedAt()).toString().substring(2).toLowerCase();
  }

  private static Notification rejected(String jobId, String reason, long at) {
    return Notification.newBuilder().setId(jobId + "-rejected-" + at).setJobId(jobId).setKind(NotificationKind.ERROR)
        .setMessage(reason).setAt(at).build();
  }
}
