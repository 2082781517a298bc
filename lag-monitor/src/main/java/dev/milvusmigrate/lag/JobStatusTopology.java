package dev.milvusmigrate.lag;

import dev.milvusmigrate.core.domain.TopicNames;
import dev.milvusmigrate.schemas.avro.ControlCommand;
import dev.milvusmigrate.schemas.avro.JobSpec;
import dev.milvusmigrate.schemas.avro.JobStatus;
import dev.milvusmigrate.schemas.avro.ProgressEvent;
import dev.milvusmigrate.schemas.serde.AvroSerde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The job-status part of the lag-monitor topology, built by a pure method. Submitted jobs, the
 * progress topics of every job (subscribed by pattern, so jobs submitted later are picked up)
 * and control commands become {@link JobEvent}s, are re-keyed by the job id they name, and are
 * folded per job by {@link JobStatusFolder} into the compacted status topic. A status is
 * published only when it changed.
 */
public final class JobStatusTopology {

  /** The store holding the latest status of every job. */
  public static final String STATUS_STORE = "job-status";
  static final String EVENTS = "job-events";

  private JobStatusTopology() {}

  public static Topology build(TopicNames topics) {
    StreamsBuilder builder = new StreamsBuilder();
    addTo(builder, topics);
    return builder.build();
  }

  /** Adds the job-status view to a builder that may carry other parts of the application (lag). */
  public static void addTo(StreamsBuilder builder, TopicNames topics) {
    AvroSerde<JobStatus> statusSerde = AvroSerde.of(JobStatus.class);
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STATUS_STORE),
        Serdes.String(), statusSerde));
    jobEvents(builder, topics)
        .selectKey((key, event) -> event.jobId())
        .repartition(Repartitioned.with(Serdes.String(), new JobEventSerde()).withName(EVENTS))
        .process(JobStatusProcessor::new, STATUS_STORE)
        .to(topics.status(), Produced.with(Serdes.String(), statusSerde));
  }

  private static KStream<String, JobEvent> jobEvents(StreamsBuilder builder, TopicNames topics) {
    KStream<String, JobEvent> submitted = builder
        .stream(topics.jobs(), Consumed.with(Serdes.String(), AvroSerde.of(JobSpec.class)))
        .filter((key, spec) -> spec != null)
        .mapValues(spec -> new JobEvent.Submitted(spec));
    KStream<String, JobEvent> progress = builder
        .stream(topics.progress(), Consumed.with(Serdes.String(), AvroSerde.of(ProgressEvent.class)))
        .filter((key, event) -> event != null && JobEvent.foldsIntoStatus(event))
        .mapValues((key, event) -> JobEvent.progress(key, event));
    KStream<String, JobEvent> commands = builder
        .stream(topics.control(), Consumed.with(Serdes.String(), AvroSerde.of(ControlCommand.class)))
        .filter((key, command) -> command != null)
        .mapValues(command -> new JobEvent.Command(command));
    return submitted.merge(progress).merge(commands);
  }
}
