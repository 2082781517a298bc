package dev.milvusmigrate.cli;

import java.util.Map;

/**
 * A command that works on the jobs of a running pipeline through its Kafka ({@code status},
 * {@code lag}, {@code stop-sync}, {@code cancel}, {@code cleanup}): it needs {@code --kafka}.
 */
abstract class KafkaCommand extends CliCommand {

  /** The job topics on the Kafka this command names; bad input when it names none. */
  final JobTopics topics() {
    CliSettings settings = root.settings(kafka, Map.of());
    if (settings.kafka().isBlank()) {
      throw CliFailure.badInput("This command needs the Kafka the job runs on: give --kafka BOOTSTRAP or set"
          + " MILVUS_MIGRATE_KAFKA_BOOTSTRAP (an embedded broker lives only while the 'offline' or 'zdm' command"
          + " that started it runs: give the --kafka that command printed).");
    }
    return new JobTopics(settings.kafkaClients(settings.kafka()), settings.topics());
  }
}
