package dev.milvusmigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The console command's bad input: exit 2 and one sentence, before anything listens. */
class ConsoleCommandTest {

  @Test
  void withoutKafkaItSaysWhyItIsNeeded() {
    CliRun run = CliRun.of("console", "--port", "0");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip()).isEqualTo("Missing Kafka, whose job topics the console shows: give --kafka"
        + " BOOTSTRAP or set MILVUS_MIGRATE_KAFKA_BOOTSTRAP.");
  }
}
