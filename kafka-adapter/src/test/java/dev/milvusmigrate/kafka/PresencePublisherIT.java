package dev.milvusmigrate.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.milvusmigrate.core.domain.MilvusEndpoint;
import dev.milvusmigrate.core.domain.TopicNames;
import dev.milvusmigrate.schemas.avro.ServicePresence;
import dev.milvusmigrate.schemas.serde.AvroSerde;
import dev.milvusmigrate.testkit.kafka.KafkaBroker;
import dev.milvusmigrate.testkit.kafka.KafkaBrokerExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaBrokerExtension.class)
class PresencePublisherIT {

  private final TopicNames topics = new TopicNames("presence-it");

  @Test
  void announcesTheServiceItsAddressesAndAliasesWithoutCredentialsAndItsJobsAtEveryInterval(KafkaBroker broker) {
    KafkaClients clients = new KafkaClients(broker.bootstrapServers(), Map.of());
    new TopicProvisioner(clients, topics, (short) 1).ensureSharedTopics();
    MilvusEndpoint source = MilvusEndpoint.of("http://source-host:19530").withToken("never-announced-token");
    MilvusEndpoint target = MilvusEndpoint.of("http://target-host:19531").withUser("migrator", "never-announced-password");

    List<ConsumerRecord<byte[], byte[]>> announced;
    String instance;
    try (PresencePublisher publisher = PresencePublisher.start(clients, topics, Duration.ofMillis(200),
        new PresencePublisher.Service(ServiceKind.SINK_WRITER, "sink-a", source, target)
            .withAliases(List.of("http://localhost:19530"), List.of("http://migrator:never-announced-alias@target-alias:19531")),
        () -> Set.of("job-1"),
        () -> Set.of("job-0"))) {
      instance = publisher.instance();
      announced = broker.awaitRecords(topics.services(), 2, Duration.ofSeconds(30));
    }

    ServicePresence presence = AvroSerde.of(ServicePresence.class).deserializer()
        .deserialize(topics.services(), announced.get(1).value());
    assertThat(new String(announced.get(1).key(), StandardCharsets.UTF_8)).isEqualTo(instance).startsWith("sink-a@");
    assertThat(presence.getService()).isEqualTo("sink-writer");
    assertThat(presence.getSource()).isEqualTo("http://source-host:19530");
    assertThat(presence.getTarget()).isEqualTo("http://target-host:19531");
    assertThat(presence.getSourceAliases()).containsExactly("http://localhost:19530");
    assertThat(presence.getTargetAliases()).containsExactly("http://target-alias:19531");
    assertThat(presence.getJobs()).containsExactly("job-1");
    assertThat(presence.getFinishedJobs()).containsExactly("job-0");
    assertThat(presence.getIntervalMs()).isEqualTo(200);
    assertThat(announced).allSatisfy(record -> assertThat(new String(record.value(), StandardCharsets.ISO_8859_1))
        .doesNotContain("never-announced"));
  }
}
