package dev.milvusmigrate.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.milvusmigrate.core.domain.JobId;
import dev.milvusmigrate.core.domain.TopicNames;
import dev.milvusmigrate.schemas.avro.CommandType;
import dev.milvusmigrate.schemas.avro.ControlCommand;
import dev.milvusmigrate.schemas.avro.JobMode;
import dev.milvusmigrate.testkit.kafka.KafkaBroker;
import dev.milvusmigrate.testkit.kafka.KafkaBrokerExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaBrokerExtension.class)
class KafkaAdapterIT {

  private final TopicNames topics = new TopicNames("kafka-adapter-it");

  @Test
  void provisionsEveryTopicWithItsSettingsAndToleratesExistingOnes(KafkaBroker broker) throws Exception {
    KafkaClients clients = new KafkaClients(broker.bootstrapServers(), Map.of());
    TopicProvisioner provisioner = new TopicProvisioner(clients, topics, (short) 1);
    JobId job = new JobId("j1");

    provisioner.ensureSharedTopics();
    provisioner.ensureJobTopics(job, JobMode.ZERO_DOWNTIME, 4, 6);
    provisioner.ensureJobTopics(job, JobMode.ZERO_DOWNTIME, 4, 6);

    try (Admin admin = clients.admin()) {
      var described = admin.describeTopics(List.of(topics.snapshot(job), topics.mutations(job))).allTopicNames().get();
      assertThat(described.get(topics.snapshot(job)).partitions()).hasSize(4);
      assertThat(described.get(topics.mutations(job)).partitions()).hasSize(6);
      assertThat(config(admin, topics.status()).get("cleanup.policy").value()).isEqualTo("compact");
      assertThat(config(admin, topics.jobs()).get("cleanup.policy").value()).isEqualTo("compact");
      assertThat(config(admin, topics.services()).get("cleanup.policy").value()).isEqualTo("compact,delete");
      assertThat(config(admin, topics.snapshot(job)).get("retention.ms").value()).isEqualTo("-1");
      assertThat(config(admin, topics.snapshot(job)).get("max.message.bytes").value())
          .isEqualTo(Integer.toString(KafkaClients.MAX_RECORD_BYTES));
    }
  }

  @Test
  void consumersSeeOnlyCommittedTransactionsAndTypedValues(KafkaBroker broker) {
    KafkaClients clients = new KafkaClients(broker.bootstrapServers(), Map.of());
    new TopicProvisioner(clients, topics, (short) 1).ensureSharedTopics();
    ControlCommand aborted = command("aborted");
    ControlCommand committed = command("committed");

    try (KafkaProducer<String, ControlCommand> producer = clients.transactionalProducer(ControlCommand.class, "it-tx")) {
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topics.control(), "job-1", aborted));
      producer.abortTransaction();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topics.control(), "job-1", committed));
      producer.commitTransaction();
    }

    try (KafkaConsumer<String, ControlCommand> consumer = clients.consumer(ControlCommand.class, "it-group", "it")) {
      consumer.subscribe(List.of(topics.control()));
      assertThat(firstRecords(consumer)).containsExactly(committed);
    }
    try (KafkaConsumer<String, ControlCommand> reader = clients.reader(ControlCommand.class, "it-reader")) {
      List<TopicPartition> partitions = List.of(new TopicPartition(topics.control(), 0));
      reader.assign(partitions);
      reader.seekToBeginning(partitions);
      assertThat(firstRecords(reader)).as("a reader in no group").containsExactly(committed);
    }
  }

  @Test
  void theBrokerRefusesAnOversizedControlMessageSoNoServiceEverReadsIt(KafkaBroker broker) throws Exception {
    KafkaClients clients = new KafkaClients(broker.bootstrapServers(), Map.of());
    new TopicProvisioner(clients, topics, (short) 1).ensureSharedTopics();
    TopicPartition control = new TopicPartition(topics.control(), 0);
    long endBefore;
    try (Admin admin = clients.admin()) {
      endBefore = admin.listOffsets(Map.of(control, OffsetSpec.latest())).all().get().get(control).offset();
    }
    // Random bytes, so that compression cannot shrink the record under the limit.
    byte[] noise = new byte[TopicProvisioner.MAX_COMMAND_BYTES];
    new Random(7).nextBytes(noise);
    ControlCommand oversized = command(Base64.getEncoder().encodeToString(noise));

    try (KafkaProducer<String, ControlCommand> producer = clients.producer(ControlCommand.class, "it-oversized")) {
      assertThatThrownBy(() -> producer.send(new ProducerRecord<>(topics.control(), "job-1", oversized)).get())
          .hasCauseInstanceOf(RecordTooLargeException.class);
    }
    try (Admin admin = clients.admin()) {
      assertThat(admin.listOffsets(Map.of(control, OffsetSpec.latest())).all().get().get(control).offset())
          .isEqualTo(endBefore);
    }
  }

  private static List<ControlCommand> firstRecords(KafkaConsumer<String, ControlCommand> consumer) {
    List<ControlCommand> seen = new ArrayList<>();
    await().atMost(Duration.ofSeconds(60)).until(() -> {
      consumer.poll(Duration.ofMillis(200)).forEach(r -> seen.add(r.value()));
      return !seen.isEmpty();
    });
    return seen;
  }

  private static ControlCommand command(String id) {
    return ControlCommand.newBuilder().setCommandId(id).setJobId("job-1").setType(CommandType.CANCEL)
        .setIssuedAt(1L).build();
  }

  private static Config config(Admin admin, String topic) throws Exception {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    return admin.describeConfigs(List.of(resource)).all().get().get(resource);
  }
}
