package dev.milvusmigrate.cli;

import dev.milvusmigrate.core.domain.JobId;
import dev.milvusmigrate.kafka.KafkaClients;
import dev.milvusmigrate.schemas.JobStates;
import dev.milvusmigrate.schemas.avro.JobStatus;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "status", mixinStandardHelpOptions = true, footer = ExitCode.FOOTER,
    description = "Shows one line per job, or the details and verification report of one job (needs --kafka).")
final class StatusCommand implements Callable<Integer> {

  @ParentCommand
  MilvusMigrate root;

  @Spec
  CommandSpec spec;

  @Mixin
  KafkaOptions kafka;

  @Parameters(arity = "0..1", paramLabel = "JOB", description = "The job to show in detail.")
  String job;

  @Override
  public Integer call() {
    JobTopics topics = ExternalKafka.topics(root.settings(kafka, Map.of()));
    PrintWriter out = spec.commandLine().getOut();
    Map<String, JobStatus> statuses = topics.statuses();
    if (job == null) {
      if (statuses.isEmpty()) {
        out.println("No jobs on Kafka at " + topics.bootstrap() + " under prefix " + topics.names().prefix() + ".");
        return ExitCode.SUCCESSFUL;
      }
      out.print(StatusRenderer.table(statuses.values()));
      return ExitCode.SUCCESSFUL;
    }
    JobStatus status = statuses.get(job);
    if (status == null) {
      throw topics.unknownJob(job);
    }
    out.print(StatusRenderer.details(status));
    if (JobStates.isFinal(status.getState())) {
      out.print(VerificationTable.render(topics.verificationReports(new JobId(job))));
    }
    return ExitCode.SUCCESSFUL;
  }

  /** Jobs are visible only on a Kafka that is named: an embedded broker lives as long as the command that started it. */
  static final class ExternalKafka {
    private ExternalKafka() {}

    static JobTopics topics(CliSettings settings) {
      if (settings.kafka().isBlank()) {
        throw CliFailure.badInput("This command needs the Kafka the job runs on: give --kafka BOOTSTRAP or set"
            + " MILVUS_MIGRATE_KAFKA_BOOTSTRAP (an embedded broker lives only while the 'offline' or 'zdm' command"
            + " that started it runs: give the --kafka that command printed).");
      }
      return new JobTopics(new KafkaClients(settings.kafka(), Map.of()), settings.topics());
    }
  }
}
