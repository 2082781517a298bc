package dev.milvusmigrate.exporter;

import dev.milvusmigrate.core.concurrent.StopSignal;
import dev.milvusmigrate.core.domain.JobId;
import dev.milvusmigrate.core.domain.TopicNames;
import dev.milvusmigrate.kafka.DeadLetters;
import dev.milvusmigrate.kafka.KafkaClients;
import dev.milvusmigrate.schemas.avro.CaptureStarted;
import dev.milvusmigrate.schemas.avro.ProgressEvent;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Zero-downtime handoff, first half: the snapshot timestamp T may be taken only after cdc-capture
 * fixed its start positions in the source's log, so that every change after T is captured. Waits
 * for the job's {@code CaptureStarted} on the progress topic, which names T itself when the log has
 * a clock of its own (the capture-proxy's).
 */
final class CaptureStartWait {

  private static final Logger log = LoggerFactory.getLogger(CaptureStartWait.class);
  private static final Duration POLL = Duration.ofMillis(200);

  private CaptureStartWait() {}

  /**
   * @return the snapshot timestamp the capture's log dictates (a log stamped by its own clock, such
   *     as the capture-proxy's); empty when T is the source's
   */
  static OptionalLong await(KafkaClients clients, TopicNames topics, JobId job, String clientId, StopSignal stop) {
    log.info("Job {}: waiting for cdc-capture to fix its start positions before taking the snapshot timestamp", job);
    try (KafkaConsumer<String, ProgressEvent> consumer = clients.consumer(ProgressEvent.class, clientId, clientId)) {
      List<TopicPartition> partitions = consumer.partitionsFor(topics.progress()).stream()
          .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      while (true) {
        stop.check();
        for (ConsumerRecord<String, ProgressEvent> record : DeadLetters.readerOnly().poll(consumer, POLL)) {
          if (record.value() != null && record.value().getPayload() instanceof CaptureStarted started
              && started.getJobId().equals(job.value())) {
            log.info("Job {}: capture started on {} channel(s)", job, started.getChannels());
            return started.getLogTs() == null ? OptionalLong.empty() : OptionalLong.of(started.getLogTs());
          }
        }
      }
    }
  }
}
