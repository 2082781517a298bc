package dev.milvusmigrate.capture;

import dev.milvusmigrate.core.domain.HybridTimestamp;
import dev.milvusmigrate.core.domain.JobFailure;
import dev.milvusmigrate.milvus.MilvusCatalog;
import dev.milvusmigrate.milvus.ServerInfo;
import dev.milvusmigrate.schemas.avro.ProxyChange;
import dev.milvusmigrate.schemas.serde.ContractSerde;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * The capture-proxy's topic {@code <prefix>.proxy.<source-id>.changes} on the pipeline's Kafka:
 * every write the source acknowledged through the proxy, stamped with the proxy's clock, and its
 * ticks. Since the stamps increase in the topic's order, the newest stamp before capture's start
 * offset is the snapshot timestamp T (the records after it are exactly the later ones) and the
 * newest stamp before the end at a stop-sync is the fence F; neither compares two machines' clocks.
 */
final class ProxyCapture implements CaptureSource<ProxyChange> {

  /** A proxy that has not ticked for this long is taken as not running when a job starts. */
  static final Duration SILENT_PROXY = Duration.ofSeconds(30);

  private final Map<String, Object> kafkaSettings;
  private final String topic;
  private final String sourceId;
  private final Clock clock;
  private final boolean writesReachEveryPartition;

  /** @param source the source server, whose way of applying writes to partitions the mutations follow */
  ProxyCapture(Map<String, Object> kafkaSettings, String topic, String sourceId, Clock clock, ServerInfo source) {
    this.kafkaSettings = kafkaSettings;
    this.topic = topic;
    this.sourceId = sourceId;
    this.clock = clock;
    this.writesReachEveryPartition = source.writesReachEveryPartition();
  }

  @Override
  public SourceLog<ProxyChange> open(String clientId) {
    Deserializer<ProxyChange> deserializer = ContractSerde.of(ProxyChange.class).deserializer();
    return new KafkaLog<>(kafkaSettings, clientId, topic::equals, (name, offset, value) -> {
      try {
        return deserializer.deserialize(name, value);
      } catch (RuntimeException e) {
        throw new JobFailure("Capture cannot read the record at offset " + offset + " of " + name + " ("
            + e.getMessage() + "): only the capture-proxy may write to that topic; start a new job.", null, null, e);
      }
    });
  }

  @Override
  public EntryHandler<ProxyChange> handler(CaptureContext context) {
    return new ProxyRecordHandler(context, writesReachEveryPartition);
  }

  /** Fails the job unless a capture-proxy for the source ticked lately: only then are the writes being recorded. */
  @Override
  public OptionalLong startTime(SourceLog<ProxyChange> log, Map<LogChannel, Long> starts) {
    long newest = starts.entrySet().stream().mapToLong(start -> log.entryBefore(start.getKey(), start.getValue())
        .map(ProxyChange::getTs).orElse(0L)).max().orElse(0L);
    if (newest == 0) {
      throw new JobFailure("No capture-proxy has recorded the writes of source '" + sourceId + "' (topic " + topic
          + " is missing or empty): start one with `milvus-migrate proxy --source-id " + sourceId + "`, point the"
          + " applications at it, then start the job.", null, null);
    }
    Instant last = new HybridTimestamp(newest).toInstant();
    if (last.isBefore(clock.instant().minus(SILENT_PROXY))) {
      throw new JobFailure("The capture-proxy of source '" + sourceId + "' last wrote to " + topic + " at " + last
          + ", more than " + SILENT_PROXY.toSeconds() + " s ago, so it is not running and writes are not recorded:"
          + " start it, point the applications at it, then start the job.", null, null);
    }
    return OptionalLong.of(newest);
  }

  @Override
  public long fenceTime(SourceLog<ProxyChange> log, MilvusCatalog source) {
    return log.ends(log.channels()).entrySet().stream().mapToLong(end -> log.entryBefore(end.getKey(), end.getValue())
        .map(ProxyChange::getTs).orElse(0L)).max().orElse(0L);
  }

  @Override
  public String describe() {
    return "capture-proxy topic " + topic;
  }
}
