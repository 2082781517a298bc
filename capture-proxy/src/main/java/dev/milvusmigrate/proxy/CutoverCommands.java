package dev.milvusmigrate.proxy;

import dev.milvusmigrate.kafka.JobTopics;
import dev.milvusmigrate.schemas.avro.CommandType;
import dev.milvusmigrate.schemas.avro.ControlCommand;
import dev.milvusmigrate.schemas.avro.JobSpec;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the control topic from the moment the proxy serves and runs each CUTOVER of a job whose
 * {@code JobSpec.capture_proxy} names this proxy's source, one at a time, after the cutover an
 * earlier instance left open, if any.
 */
final class CutoverCommands implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(CutoverCommands.class);
  private static final Duration POLL = Duration.ofMillis(200);

  private final KafkaConsumer<String, ControlCommand> consumer;
  private final Thread thread;
  private volatile boolean closed;

  private CutoverCommands(KafkaConsumer<String, ControlCommand> consumer, JobTopics jobs, String sourceId,
      Consumer<String> cutover, Runnable open) {
    this.consumer = consumer;
    this.thread = new Thread(() -> {
      open.run();
      follow(jobs, sourceId, cutover);
    }, "capture-proxy-cutover");
    this.thread.setDaemon(true);
  }

  /**
   * Starts following: a command sent after this returns is seen.
   *
   * @param open carries on the cutover an earlier instance started and did not end, if any, first
   */
  static CutoverCommands start(JobTopics jobs, String sourceId, Consumer<String> cutover, Runnable open) {
    KafkaConsumer<String, ControlCommand> consumer = jobs.clients().reader(ControlCommand.class,
        "capture-proxy-" + sourceId + "-control");
    TopicPartition control = new TopicPartition(jobs.names().control(), 0);
    consumer.assign(List.of(control));
    consumer.seekToEnd(List.of(control));
    consumer.position(control);
    CutoverCommands commands = new CutoverCommands(consumer, jobs, sourceId, cutover, open);
    commands.thread.start();
    return commands;
  }

  private void follow(JobTopics jobs, String sourceId, Consumer<String> cutover) {
    try {
      while (!closed) {
        for (ConsumerRecord<String, ControlCommand> record : consumer.poll(POLL)) {
          ControlCommand command = record.value();
          if (command != null && command.getType() == CommandType.CUTOVER && ours(jobs, sourceId, command)) {
            cutover.accept(command.getJobId());
          }
        }
      }
    } catch (WakeupException e) {
      // closed
    } catch (RuntimeException e) {
      log.error("The capture-proxy stopped following the control topic, so it takes no cutover: {}", e.getMessage(),
          e);
    } finally {
      Thread.interrupted(); // close() interrupts a cutover under way; the consumer is closed all the same
      consumer.close();
    }
  }

  private static boolean ours(JobTopics jobs, String sourceId, ControlCommand command) {
    JobSpec spec = jobs.jobs().get(command.getJobId());
    return spec != null && sourceId.equals(spec.getCaptureProxy());
  }

  @Override
  public void close() {
    closed = true;
    consumer.wakeup();
    thread.interrupt();
    try {
      thread.join(Duration.ofSeconds(10).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
