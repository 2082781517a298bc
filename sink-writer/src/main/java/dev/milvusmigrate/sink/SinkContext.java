package dev.milvusmigrate.sink;

import dev.milvusmigrate.core.concurrent.RetryPolicy;
import dev.milvusmigrate.core.domain.TopicNames;
import dev.milvusmigrate.kafka.KafkaClients;
import dev.milvusmigrate.milvus.MilvusSession;
import dev.milvusmigrate.schemas.avro.ProgressEvent;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.Producer;

/** What every job's sink shares within one service instance. */
record SinkContext(KafkaClients clients, TopicNames topics, String instanceId, MilvusSession source,
    MilvusSession target, Producer<String, ProgressEvent> progressProducer, SampleSize sampleSize,
    RetryPolicy retryPolicy, MeterRegistry registry, Live live) {

  /**
   * Whether zero-downtime jobs are verified while they sync, how many keys that may keep in memory,
   * and whether released source collections are loaded for it.
   */
  record Live(boolean enabled, long maxKeys, boolean loadReleased) {}
}
