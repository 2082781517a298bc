package dev.milvusmigrate.lag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.milvusmigrate.core.domain.TopicNames;
import dev.milvusmigrate.kafka.DeadLetters;
import dev.milvusmigrate.schemas.avro.Notification;
import dev.milvusmigrate.schemas.avro.NotificationKind;
import dev.milvusmigrate.schemas.serde.AvroTrust;
import dev.milvusmigrate.schemas.serde.JsonSerde;
import dev.milvusmigrate.testkit.kafka.KafkaBroker;
import dev.milvusmigrate.testkit.kafka.KafkaBrokerExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The lag-monitor with {@code lag.webhook.url} set, on a real broker, posting to a real local HTTP server. */
@ExtendWith(KafkaBrokerExtension.class)
class LagMonitorWebhookIT {

  private static final Duration WAIT = Duration.ofSeconds(90);

  private RecordingWebhookServer server;

  @BeforeEach
  void startServer() throws Exception {
    AvroTrust.install();
    server = RecordingWebhookServer.start();
  }

  @AfterEach
  void closeServer() {
    server.close();
  }

  @Test
  void postsANotificationOfTheTopicAndCommitsItsOffset(KafkaBroker broker, @TempDir Path stateDir) throws Exception {
    LagMonitorConfig config = config(broker, new TopicNames("lag-webhook-it"), stateDir);
    startGroupAtTheBeginning(broker, config);

    try (LagMonitorService service = new LagMonitorService(config).start();
        KafkaProducer<String, Notification> producer = producer(broker)) {
      publish(producer, config, notification("webhook-job", "webhook-job-lag-below-1"));

      await().atMost(WAIT).until(() -> keysPosted().contains("webhook-job-lag-below-1"));
      await().atMost(WAIT).until(() -> committedOffset(broker, config) == 1L);
    }
    assertThat(server.received()).hasSize(1);
    assertThat(server.received().get(0).pathAndQuery()).isEqualTo("/hooks/milvus");
  }

  @Test
  void aRecordThatIsNotANotificationGoesToTheDeadLetterTopicAndTheNextOneIsPosted(KafkaBroker broker,
      @TempDir Path stateDir) throws Exception {
    TopicNames topics = new TopicNames("lag-webhook-dlt-it");
    LagMonitorConfig config = config(broker, topics, stateDir);
    broker.createTopic(topics.deadLetters(), 1, Map.of());
    startGroupAtTheBeginning(broker, config);

    try (KafkaProducer<String, Notification> producer = producer(broker);
        KafkaProducer<byte[], byte[]> raw = config.kafka().clients().rawProducer("it-raw");
        NotificationWebhook webhook = webhook(config)) {
      raw.send(new ProducerRecord<>(topics.notifications(), "dlt-job".getBytes(StandardCharsets.UTF_8),
          "{\"kind\": \"ERROR\"}".getBytes(StandardCharsets.UTF_8))).get();
      publish(producer, config, notification("dlt-job", "dlt-job-after"));

      await().atMost(WAIT).until(() -> keysPosted().contains("dlt-job-after"));
      await().atMost(WAIT).until(() -> committedOffset(broker, config) == 2L);
    }
    assertThat(keysPosted()).containsExactly("dlt-job-after");
    ConsumerRecord<byte[], byte[]> dead = broker.awaitRecords(topics.deadLetters(), 1, WAIT).get(0);
    assertThat(new String(dead.headers().lastHeader(DeadLetters.TOPIC_HEADER).value(), StandardCharsets.UTF_8))
        .isEqualTo(topics.notifications());
    assertThat(new String(dead.headers().lastHeader(DeadLetters.OFFSET_HEADER).value(), StandardCharsets.UTF_8))
        .isEqualTo("0");
  }

  /** The webhook alone: a restarted Streams application would wait for its old member's session to expire. */
  @Test
  void aPostCutShortByAStopIsPostedAgainWithTheSameKey(KafkaBroker broker, @TempDir Path stateDir) throws Exception {
    LagMonitorConfig config = config(broker, new TopicNames("lag-webhook-restart-it"), stateDir);
    startGroupAtTheBeginning(broker, config);
    server.holdFirst(1);

    try (KafkaProducer<String, Notification> producer = producer(broker)) {
      try (NotificationWebhook first = webhook(config)) {
        publish(producer, config, notification("restart-job", "restart-job-succeeded"));
        await().atMost(WAIT).until(() -> server.received().size() == 1);
      }
      try (NotificationWebhook second = webhook(config)) {
        await().atMost(WAIT).until(() -> committedOffset(broker, config) == 1L);
      }
    }
    assertThat(keysPosted()).containsExactly("restart-job-succeeded", "restart-job-succeeded");
  }

  @Test
  void aNewWebhookGroupSkipsTheNotificationsPublishedBeforeIt(KafkaBroker broker, @TempDir Path stateDir)
      throws Exception {
    LagMonitorConfig config = config(broker, new TopicNames("lag-webhook-latest-it"), stateDir);

    try (KafkaProducer<String, Notification> producer = producer(broker)) {
      publish(producer, config, notification("old-job", "old-job-succeeded"));
      try (LagMonitorService service = new LagMonitorService(config).start()) {
        // Until the group has joined, a new notification is skipped like the old one; publish until one is posted.
        int[] published = {0};
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
          publish(producer, config, notification("new-job", "new-job-" + published[0]++));
          return keysPosted().stream().anyMatch(key -> key.startsWith("new-job-"));
        });
      }
    }
    // One partition keeps the order: had the group started at the beginning, the old one came first.
    assertThat(keysPosted()).doesNotContain("old-job-succeeded");
  }

  private LagMonitorConfig config(KafkaBroker broker, TopicNames topics, Path stateDir) {
    for (String topic : List.of(topics.jobs(), topics.control(), topics.status(), topics.progress(),
        topics.notifications())) {
      broker.createTopic(topic, 1, Map.of());
    }
    return LagMonitorConfig.of(Map.of(), Map.of(), Map.of("kafka.bootstrap", broker.bootstrapServers(),
        "kafka.topic-prefix", topics.prefix(), "lag.state-dir", stateDir.toString(),
        "lag.webhook.url", server.url("/hooks/milvus"), "lag.webhook.initial-backoff", "10ms",
        "lag.webhook.timeout", "30s"));
  }

  private static NotificationWebhook webhook(LagMonitorConfig config) {
    return NotificationWebhook.start(config.kafka().clients(), config.topics(),
        config.webhookGroupId(), new WebhookDelivery(config.webhook().orElseThrow()));
  }

  /** Commits offset 0 for the webhook's group, so it reads what the test publishes whenever it joins. */
  private static void startGroupAtTheBeginning(KafkaBroker broker, LagMonitorConfig config) throws Exception {
    try (Admin admin = broker.admin()) {
      admin.alterConsumerGroupOffsets(config.webhookGroupId(), Map.of(notificationsPartition(config),
          new OffsetAndMetadata(0))).all().get();
    }
  }

  private static long committedOffset(KafkaBroker broker, LagMonitorConfig config) throws Exception {
    try (Admin admin = broker.admin()) {
      OffsetAndMetadata committed = admin.listConsumerGroupOffsets(config.webhookGroupId())
          .partitionsToOffsetAndMetadata().get().get(notificationsPartition(config));
      return committed == null ? -1 : committed.offset();
    }
  }

  private static TopicPartition notificationsPartition(LagMonitorConfig config) {
    return new TopicPartition(config.topics().notifications(), 0);
  }

  private List<String> keysPosted() {
    return server.received().stream().map(RecordingWebhookServer.Received::idempotencyKey).toList();
  }

  private static Notification notification(String job, String id) {
    return Notification.newBuilder().setId(id).setJobId(job).setKind(NotificationKind.JOB_SUCCEEDED)
        .setMessage("Job " + job + " succeeded.").setAt(System.currentTimeMillis()).build();
  }

  private static void publish(KafkaProducer<String, Notification> producer, LagMonitorConfig config,
      Notification notification) throws Exception {
    producer.send(new ProducerRecord<>(config.topics().notifications(), notification.getJobId(), notification)).get();
  }

  private static KafkaProducer<String, Notification> producer(KafkaBroker broker) {
    return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
        new StringSerializer(), JsonSerde.of(Notification.class).serializer());
  }
}
