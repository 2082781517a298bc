package dev.milvusmigrate.lag;

import dev.milvusmigrate.core.domain.TopicNames;
import dev.milvusmigrate.kafka.DeadLetters;
import dev.milvusmigrate.kafka.KafkaClients;
import dev.milvusmigrate.runtime.LogContext;
import dev.milvusmigrate.schemas.avro.Notification;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the notifications topic in a consumer group of its own, on its own thread, and hands each
 * notification to {@link WebhookDelivery}; its offset is committed once it was delivered or given
 * up, so a notification is POSTed at least once. A new group starts at the end of the topic, so
 * turning the webhook on does not POST every notification of the past.
 */
final class NotificationWebhook implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(NotificationWebhook.class);
  private static final Duration POLL = Duration.ofMillis(500);

  private final KafkaConsumer<String, Notification> consumer;
  private final DeadLetters deadLetters;
  private final String topic;
  private final WebhookDelivery delivery;
  private final Thread thread;
  private final Object postingLock = new Object();
  private boolean posting;
  private volatile boolean running = true;

  private NotificationWebhook(KafkaClients clients, TopicNames topics, String groupId, WebhookDelivery delivery) {
    this.consumer = clients.consumerFromEnd(Notification.class, groupId, groupId);
    this.deadLetters = new DeadLetters(clients, topics.deadLetters(), groupId);
    this.topic = topics.notifications();
    this.delivery = delivery;
    this.thread = new Thread(this::run, groupId);
    thread.setDaemon(true);
  }

  /**
   * Starts delivering the notifications published from now on (or after the group's last commit);
   * a record that is not a notification goes to the dead-letter topic.
   */
  static NotificationWebhook start(KafkaClients clients, TopicNames topics, String groupId, WebhookDelivery delivery) {
    NotificationWebhook webhook = new NotificationWebhook(clients, topics, groupId, delivery);
    log.info("Posting the notifications of {} to webhook {} (consumer group {}).", webhook.topic,
        delivery.endpoint(), groupId);
    webhook.thread.start();
    return webhook;
  }

  private void run() {
    try {
      consumer.subscribe(List.of(topic));
      while (running) {
        deliverPolled();
      }
    } catch (WakeupException | InterruptException | InterruptedException e) {
      // closed while polling, posting or committing
    } catch (RuntimeException e) {
      log.error("Webhook delivery of {} stopped on an unexpected error: {}", topic, e.getMessage(), e);
      return;
    } finally {
      // An interrupt that came as a POST ended is cleared, so the consumer can still leave its group.
      Thread.interrupted();
      consumer.close();
      deadLetters.close();
    }
    log.info("Webhook delivery of {} stopped.", topic);
  }

  private void deliverPolled() throws InterruptedException {
    try {
      for (ConsumerRecord<String, Notification> record : deadLetters.poll(consumer, POLL)) {
        if (!running) {
          return;
        }
        if (record.value() != null) {
          try (var context = LogContext.job(record.value().getJobId())) {
            post(record.value());
          }
        }
        consumer.commitSync(Map.of(new TopicPartition(record.topic(), record.partition()),
            new OffsetAndMetadata(record.offset() + 1)));
      }
    } catch (CommitFailedException e) {
      log.warn("Webhook delivery of {} lost its partitions while posting (a delivery took longer than"
          + " max.poll.interval.ms); what it did not commit is posted again.", topic);
    }
  }

  private void post(Notification notification) throws InterruptedException {
    setPosting(true);
    try {
      delivery.deliver(notification);
    } finally {
      setPosting(false);
    }
  }

  private void setPosting(boolean value) {
    synchronized (postingLock) {
      posting = value;
    }
  }

  /**
   * Stops polling, and interrupts a POST (or its backoff) in progress: its notification is not
   * committed and is posted again after a restart. Only a POST is interrupted, never the consumer.
   */
  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    synchronized (postingLock) {
      if (posting) {
        thread.interrupt();
      }
    }
    try {
      thread.join(Duration.ofSeconds(30).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
