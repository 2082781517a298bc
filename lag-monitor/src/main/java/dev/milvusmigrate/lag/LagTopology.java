package dev.milvusmigrate.lag;

import dev.milvusmigrate.core.domain.TopicNames;
import dev.milvusmigrate.schemas.avro.LagReport;
import dev.milvusmigrate.schemas.avro.LagState;
import dev.milvusmigrate.schemas.avro.Notification;
import dev.milvusmigrate.schemas.serde.AvroSerde;
import dev.milvusmigrate.schemas.serde.JsonSerde;
import java.time.Duration;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * The lag part of the lag-monitor: from the job events keyed by job (capture heartbeats, sink
 * watermarks, plans, commands), Lag Behind Source per job on the lag topic and the
 * below-threshold notification on the notifications topic.
 */
public final class LagTopology {

  static final String LAG_STORE = "job-lag";

  /**
   * Settings of the topology; {@code kafkaOptions} are what the commands the notifications print
   * need to reach this Kafka, {@code kafka} the bootstrap the job services must reach, named when
   * none of a kind has announced a running job for {@code livenessTimeout}.
   */
  public record Settings(Duration threshold, Duration hold, Duration reportInterval, Duration staleAfter,
      Duration maxSync, String kafkaOptions, Duration livenessTimeout, String kafka) {}

  private LagTopology() {}

  static void addTo(StreamsBuilder builder, KStream<String, JobEvent> events,
      TopicNames topics, Settings settings, LagMetrics metrics) {
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(LAG_STORE), Serdes.String(),
        AvroSerde.of(LagState.class)));
    LagCalculator calculator = new LagCalculator(settings.staleAfter().toMillis());
    LagNotifier notifier = new LagNotifier(settings.threshold().toMillis(), settings.hold().toMillis(),
        settings.kafkaOptions());
    KStream<String, SpecificRecordBase> out = events.process(
        () -> new LagProcessor(calculator, notifier, settings.reportInterval(), metrics), LAG_STORE,
        JobStatusTopology.STATUS_STORE);
    out.filter((job, value) -> value instanceof LagReport).mapValues(value -> (LagReport) value)
        .to(topics.lag(), Produced.with(Serdes.String(), JsonSerde.of(LagReport.class)));
    JobStatusTopology.notifications(out.filter((job, value) -> value instanceof Notification)
        .mapValues(value -> (Notification) value), topics, metrics);
  }
}
