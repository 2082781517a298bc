package dev.milvusmigrate.runtime;

import dev.milvusmigrate.kafka.PresencePublisher;
import dev.milvusmigrate.schemas.avro.ControlCommand;
import dev.milvusmigrate.schemas.avro.JobSpec;
import java.util.Optional;
import java.util.Set;

/**
 * What makes one job service differ from another: which jobs it takes and the runner of each.
 * Made by {@link JobServiceHost} at start, once Kafka answered; it holds what every job of the
 * service shares (e.g. a Milvus session) and closes it once every runner ended.
 */
public interface JobRunnerFactory<R extends JobRunner> extends AutoCloseable {

  /** Whether the service works on such jobs at all; a job it does not take is ignored. */
  default boolean takes(JobSpec spec) {
    return true;
  }

  /**
   * Why the job is not for this service's servers (DESIGN invariant 10), checked before anything
   * is written; the job then fails at once with this sentence.
   */
  Optional<String> refusal(JobSpec spec);

  /** The runner of a job the service takes; it runs once the job's topics exist. */
  R create(JobSpec spec);

  /**
   * A STOP_SYNC command for a job that has not ended, with the job's runner in this instance if
   * one runs; commands read again after a restart come again.
   */
  default void stopSyncRequested(ControlCommand command, Optional<R> running) {}

  /**
   * Jobs that ended while no runner of theirs worked in this instance: those that ended before the
   * service started (told once its feed caught up) and each that ends later with no runner here. A
   * service may remove what a runner left outside the pipeline for them (capture's subscriptions on
   * the source's Pulsar); called from the feed's thread, so it must not block.
   */
  default void endedWithoutRunner(Set<String> jobIds) {}

  /** The kind of service and the servers it is configured for, as it announces itself under {@code name}. */
  PresencePublisher.Service identity(String name);

  /** What the service works on, for its start-up log line, e.g. {@code source http://source:19530}. */
  String describe();

  @Override
  void close();
}
