package dev.milvusmigrate.sink;

import dev.milvusmigrate.core.concurrent.RetryPolicy;
import dev.milvusmigrate.core.domain.TopicNames;
import dev.milvusmigrate.kafka.KafkaClients;
import dev.milvusmigrate.milvus.MilvusSession;
import dev.milvusmigrate.schemas.avro.ProgressEvent;
import dev.milvusmigrate.verification.SampleSize;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.Producer;
import dev.milvusmigrate.sink.live.LiveSettings;
import dev.milvusmigrate.sink.live.LiveVerification;

/** What every job's sink shares within one service instance. */
record SinkContext(KafkaClients clients, TopicNames topics, String instanceId, MilvusSession source,
    MilvusSession target, Producer<String, ProgressEvent> progressProducer, SampleSize sampleSize,
    boolean verifyInFull, RetryPolicy retryPolicy, MeterRegistry registry, LiveSettings live) {

  LiveVerification.Setup liveSetup() {
    return new LiveVerification.Setup(clients, source, target, sampleSize, live);
  }
}
