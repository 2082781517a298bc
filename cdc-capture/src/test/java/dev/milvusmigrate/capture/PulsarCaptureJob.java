package dev.milvusmigrate.capture;

import dev.milvusmigrate.core.domain.JobId;
import dev.milvusmigrate.core.domain.TopicNames;
import dev.milvusmigrate.kafka.KafkaClients;
import dev.milvusmigrate.schemas.avro.CaptureCheckpoint;
import dev.milvusmigrate.schemas.avro.JobFailed;
import dev.milvusmigrate.schemas.avro.ProgressEvent;
import dev.milvusmigrate.testkit.kafka.KafkaBroker;
import dev.milvusmigrate.testkit.milvus.MilvusLiteServer;
import dev.milvusmigrate.testkit.pulsar.PulsarStandalone;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.PulsarClientException;
import org.apache.pulsar.client.api.Schema;

/**
 * A zero-downtime job of the Pulsar capture tests that write the source's DML topic themselves
 * (time ticks, as Milvus writes them; {@link ExpiredSourcePositionIT#tick}), with Milvus Lite as the
 * source's metadata: its names (pipeline topics, job, the source's cluster prefix and DML topic,
 * capture's subscription), capture's settings for it, and what capture published about it.
 */
final class PulsarCaptureJob {

  final TopicNames topics;
  final JobId job;
  final String walPrefix;
  final String dmlTopic;
  final String subscription;
  final KafkaClients clients;
  private final KafkaBroker broker;

  private PulsarCaptureJob(KafkaBroker broker, TopicNames topics, String walPrefix) {
    this.broker = broker;
    this.topics = topics;
    this.walPrefix = walPrefix;
    this.job = new JobId("zdm-" + UUID.randomUUID().toString().substring(0, 8));
    this.dmlTopic = "persistent://" + PulsarStandalone.NAMESPACE + "/" + walPrefix + "-rootcoord-dml_0";
    this.subscription = PulsarLog.subscription(topics.prefix(), job.value());
    this.clients = new KafkaClients(broker.bootstrapServers(), Map.of());
  }

  /** A job of a new pipeline (topic prefix {@code <stem>-<random>}) and a new source cluster prefix. */
  static PulsarCaptureJob newPipeline(String stem, KafkaBroker broker) {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    return new PulsarCaptureJob(broker, new TopicNames(stem + "-" + suffix), "src" + suffix);
  }

  /** Another job of the same pipeline and source. */
  PulsarCaptureJob another() {
    return new PulsarCaptureJob(broker, topics, walPrefix);
  }

  /** Capture's config for this pipeline, its source's log on {@code pulsar}; {@code extra} settings win. */
  CaptureConfig config(PulsarStandalone pulsar, MilvusLiteServer source, Map<String, String> extra) {
    Map<String, String> settings = new HashMap<>(Map.of(
        "kafka.bootstrap", broker.bootstrapServers(),
        "kafka.topic-prefix", topics.prefix(),
        "source.uri", source.uri(),
        "capture.wal.pulsar.service-url", pulsar.serviceUrl(),
        "capture.wal.pulsar.admin-url", pulsar.adminUrl(),
        "capture.wal.prefix", walPrefix,
        "capture.heartbeat.interval", "200ms",
        "capture.retry.backoff", "500ms"));
    settings.putAll(extra);
    return CaptureConfig.of(Map.of(), Map.of(), settings);
  }

  /** A producer writing the source's DML topic, unbatched as Milvus writes. */
  Producer<byte[]> sourceLog(PulsarClient client) throws PulsarClientException {
    return client.newProducer(Schema.BYTES).topic(dmlTopic).enableBatching(false).create();
  }

  void submit(MilvusLiteServer source) {
    CaptureJobs.submit(clients, topics, job, source.uri());
  }

  void awaitStarted() {
    CaptureJobs.awaitStarted(clients, topics, job);
  }

  /** The reason of the job's {@code JobFailed}, once published. */
  String awaitFailure() {
    ProgressEvent failed = ExpiredSourcePositionIT.awaitProgress(clients, topics,
        event -> event.getPayload() instanceof JobFailed f && f.getJobId().equals(job.value()));
    return ((JobFailed) failed.getPayload()).getReason();
  }

  /** The positions capture committed on the DML topic, in order. */
  List<Long> checkpoints() {
    return ExpiredSourcePositionIT.allOf(clients, topics.captureCheckpoints(job), CaptureCheckpoint.class).stream()
        .filter(checkpoint -> checkpoint.getSourceTopic().equals(dmlTopic))
        .map(CaptureCheckpoint::getNextOffset).toList();
  }

  /** Every progress event of the pipeline. */
  List<ProgressEvent> progress() {
    return ExpiredSourcePositionIT.allOf(clients, topics.progress(), ProgressEvent.class);
  }
}
