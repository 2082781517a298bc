package dev.milvusmigrate.kafka;

import dev.milvusmigrate.schemas.avro.JobStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

/**
 * One job's statuses as they are published, read by a single consumer from the start of the
 * status topic: a status is seen as soon as it is committed, without reading the topic again for
 * each look (as {@link JobTopics#statuses()} does).
 */
public final class JobStatusWatch implements AutoCloseable {

  private final String jobId;
  private final KafkaConsumer<String, JobStatus> consumer;
  private final List<TopicPartition> partitions;
  private final String bootstrap;

  private JobStatusWatch(String jobId, KafkaConsumer<String, JobStatus> consumer, List<TopicPartition> partitions,
      String bootstrap) {
    this.jobId = jobId;
    this.consumer = consumer;
    this.partitions = partitions;
    this.bootstrap = bootstrap;
  }

  /** Starts reading the status topic from its beginning; the first {@link #next} returns the job's history. */
  public static JobStatusWatch open(JobTopics topics, String jobId) {
    String topic = topics.names().status();
    KafkaConsumer<String, JobStatus> consumer = TopicReader.consumer(topics.clients(), JobStatus.class);
    try {
      List<TopicPartition> partitions = consumer.partitionsFor(topic, TopicReader.KAFKA_TIMEOUT).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      return new JobStatusWatch(jobId, consumer, partitions, topics.bootstrap());
    } catch (KafkaException e) {
      consumer.close();
      throw TopicReader.unreachable(topics.bootstrap(), e);
    }
  }

  /**
   * The job's statuses committed since the last call, oldest first; waits at most {@code wait}
   * for records when none are ready (it returns as soon as any come, of any job).
   */
  public List<JobStatus> next(Duration wait) {
    List<JobStatus> statuses = new ArrayList<>();
    try {
      for (ConsumerRecord<String, JobStatus> record : DeadLetters.readerOnly().poll(consumer, wait)) {
        if (jobId.equals(record.key()) && record.value() != null) {
          statuses.add(record.value());
        }
      }
    } catch (KafkaException e) {
      throw TopicReader.unreachable(bootstrap, e);
    }
    return statuses;
  }

  /** The job's statuses from the last call up to the topic's end as of now, oldest first. */
  public List<JobStatus> upToNow() {
    List<JobStatus> statuses = new ArrayList<>();
    try {
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TopicReader.KAFKA_TIMEOUT);
      while (partitions.stream().anyMatch(p -> consumer.position(p, TopicReader.KAFKA_TIMEOUT) < end.get(p))) {
        statuses.addAll(next(Duration.ofMillis(200)));
      }
    } catch (KafkaException e) {
      throw TopicReader.unreachable(bootstrap, e);
    }
    return statuses;
  }

  @Override
  public void close() {
    consumer.close();
  }
}
