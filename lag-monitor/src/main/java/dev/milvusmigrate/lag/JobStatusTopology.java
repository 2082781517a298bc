package dev.milvusmigrate.lag;

import dev.milvusmigrate.core.domain.TopicNames;
import dev.milvusmigrate.schemas.avro.JobSpec;
import dev.milvusmigrate.schemas.avro.JobStatus;
import dev.milvusmigrate.schemas.avro.Notification;
import dev.milvusmigrate.schemas.avro.ProgressEvent;
import dev.milvusmigrate.schemas.avro.ServicePresence;
import dev.milvusmigrate.schemas.serde.AvroSerde;
import dev.milvusmigrate.schemas.serde.JsonSerde;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The lag-monitor topology, built by a pure method. Submitted jobs, the shared progress topic
 * (which carries capture's heads too) and control commands become {@link JobEvent}s, are
 * re-keyed by the job id they name, and are folded per job by {@link JobStatusFolder} into the compacted status topic (a status is published only
 * when it changed) and by {@link LagTopology} into lag reports and notifications. The services' announcements
 * (services topic) form a global store that tells which running jobs lack a live service.
 */
public final class JobStatusTopology {

  /** The store holding the latest status of every job. */
  public static final String STATUS_STORE = "job-status";
  /** The global store of every service instance's latest announcement, read by every task. */
  static final String PRESENCE_STORE = "service-presence";
  static final String EVENTS = "job-events";

  private JobStatusTopology() {}

  /** The whole lag-monitor application: the job-status view and, from the same events, the lag. */
  public static Topology build(TopicNames topics, LagTopology.Settings lag, LagMetrics metrics) {
    StreamsBuilder builder = new StreamsBuilder();
    JsonSerde<JobStatus> statusSerde = JsonSerde.of(JobStatus.class);
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STATUS_STORE),
        Serdes.String(), statusSerde));
    KStream<String, JobEvent> events = jobEvents(builder, topics, metrics)
        .selectKey((key, event) -> event.jobId())
        .repartition(Repartitioned.with(Serdes.String(), new JobEventSerde()).withName(EVENTS));
    addPresenceStore(builder, topics);
    ServiceLiveness liveness = new ServiceLiveness(lag.livenessTimeout(), lag.kafka());
    KStream<String, SpecificRecordBase> out = events.process(
        () -> new JobStatusProcessor(lag.maxSync(), liveness, metrics), STATUS_STORE);
    out.filter((job, value) -> value instanceof JobStatus).mapValues(value -> (JobStatus) value)
        .to(topics.status(), Produced.with(Serdes.String(), statusSerde));
    // The status processor's notifications are the rejections of commands that cannot act.
    notifications(out.filter((job, value) -> value instanceof Notification)
        .mapValues(value -> (Notification) value)
        .peek((job, rejection) -> metrics.commandRejected(LagMetrics.REFUSED)), topics, metrics);
    LagTopology.addTo(builder, events, topics, lag, metrics);
    return builder.build();
  }

  private static KStream<String, JobEvent> jobEvents(StreamsBuilder builder, TopicNames topics,
      LagMetrics metrics) {
    KStream<String, JobEvent> submitted = builder
        .stream(topics.jobs(), Consumed.with(Serdes.String(), AvroSerde.of(JobSpec.class)))
        .filter((key, spec) -> spec != null)
        .mapValues(spec -> new JobEvent.Submitted(spec));
    KStream<String, JobEvent> progress = builder
        .stream(topics.progress(), Consumed.with(Serdes.String(), AvroSerde.of(ProgressEvent.class)))
        .filter((key, event) -> event != null)
        .mapValues((key, event) -> JobEvent.progress(key, event));
    KStream<String, ControlRecord> control = builder
        .stream(topics.control(), Consumed.with(Serdes.String(), Serdes.ByteArray()))
        .filter((key, bytes) -> bytes != null)
        .mapValues((key, bytes) -> ControlRecord.decode(topics.control(), key, bytes));
    notifications(control.filter((key, decoded) -> decoded.rejection() != null)
        .mapValues(ControlRecord::rejection)
        .peek((key, rejection) -> metrics.commandRejected(LagMetrics.MALFORMED)), topics, metrics);
    KStream<String, JobEvent> commands = control.filter((key, decoded) -> decoded.command() != null)
        .mapValues(decoded -> new JobEvent.Command(decoded.command()));
    return submitted.merge(progress).merge(commands);
  }

  /** The services topic is compacted by instance and small: every task keeps all of it, in memory. */
  private static void addPresenceStore(StreamsBuilder builder, TopicNames topics) {
    AvroSerde<ServicePresence> serde = AvroSerde.of(ServicePresence.class);
    builder.addGlobalStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(PRESENCE_STORE),
            Serdes.String(), serde).withLoggingDisabled(), topics.services(), Consumed.with(Serdes.String(), serde),
        () -> new Processor<String, ServicePresence, Void, Void>() {
          private KeyValueStore<String, ServicePresence> store;

          @Override
          public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore(PRESENCE_STORE);
          }

          @Override
          public void process(Record<String, ServicePresence> record) {
            if (record.key() != null) {
              store.put(record.key(), record.value());
            }
          }
        });
  }

  static void notifications(KStream<String, Notification> notifications, TopicNames topics, LagMetrics metrics) {
    notifications.peek((job, notification) -> metrics.notified(notification.getKind())).to(topics.notifications(), Produced.with(Serdes.String(), JsonSerde.of(Notification.class)));
  }

}
