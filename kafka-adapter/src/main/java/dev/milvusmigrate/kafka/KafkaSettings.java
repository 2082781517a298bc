package dev.milvusmigrate.kafka;

import dev.milvusmigrate.core.domain.JobId;
import dev.milvusmigrate.core.domain.TopicNames;
import dev.milvusmigrate.schemas.avro.JobMode;
import java.time.Duration;
import java.util.Map;

/**
 * Where Kafka is, how a service creates missing topics and how long it waits for Kafka's answer
 * to an admin call (so at start, for the first one), and the client settings every client gets
 * (security); see {@link KafkaKeys}.
 */
public record KafkaSettings(String bootstrapServers, TopicNames topics, short replicationFactor,
    int snapshotPartitions, int mutationPartitions, Duration connectTimeout, Map<String, Object> clientSettings) {

  public KafkaSettings {
    clientSettings = Map.copyOf(clientSettings);
  }

  public KafkaClients clients() {
    return new KafkaClients(bootstrapServers, clientSettings, connectTimeout);
  }

  public TopicProvisioner provisioner(KafkaClients clients) {
    return new TopicProvisioner(clients, topics, replicationFactor);
  }

  /** Creates the job's topics with the configured partition counts if they are missing. */
  public void ensureJobTopics(TopicProvisioner provisioner, JobId job, JobMode mode) {
    provisioner.ensureJobTopics(job, mode, snapshotPartitions, mutationPartitions);
  }
}
