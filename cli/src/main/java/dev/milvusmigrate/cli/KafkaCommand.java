package dev.milvusmigrate.cli;

import dev.milvusmigrate.kafka.JobTopics;
import dev.milvusmigrate.kafka.KafkaClients;
import dev.milvusmigrate.schemas.avro.JobStatus;
import java.util.Map;

/**
 * A command that works on the jobs of a running pipeline through its Kafka ({@code status},
 * {@code lag}, {@code stop-sync}, {@code cancel}, {@code cleanup}): it needs {@code --kafka}.
 */
abstract class KafkaCommand extends CliCommand {

  /** How the CLI names itself on the broker when it writes. */
  static final String CLIENT_ID = "milvus-migrate-cli";

  /** The job topics on the Kafka this command names; bad input when it names none. */
  final JobTopics topics() {
    CliSettings settings = root.settings(kafka, Map.of());
    if (settings.kafka().isBlank()) {
      throw CliFailure.badInput("This command needs the Kafka the job runs on: give --kafka BOOTSTRAP or set"
          + " MILVUS_MIGRATE_KAFKA_BOOTSTRAP (an embedded broker lives only while the 'offline' or 'zdm' command"
          + " that started it runs: give the --kafka that command printed).");
    }
    return new JobTopics(settings.kafkaClients(settings.kafka()), settings.topics(), CLIENT_ID);
  }

  /**
   * The job's latest status, or null for a job submitted but not folded into a status yet.
   *
   * @throws CliFailure if the job is on none of the topics
   */
  static JobStatus statusOfKnownJob(JobTopics topics, String job) {
    JobStatus status = topics.statuses().get(job);
    if (status == null && !topics.jobs().containsKey(job)) {
      throw unknownJob(topics, job);
    }
    return status;
  }

  /** The sentence for a job id that is on none of the topics. */
  static CliFailure unknownJob(JobTopics topics, String job) {
    return CliFailure.badInput("No job '" + job + "' on Kafka at " + topics.bootstrap() + " under prefix "
        + topics.names().prefix() + ": run 'milvus-migrate status' to list the jobs.");
  }
}
