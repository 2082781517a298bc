package dev.milvusmigrate.cli;

import dev.milvusmigrate.schemas.JobStates;
import dev.milvusmigrate.schemas.avro.JobStatus;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "cancel", mixinStandardHelpOptions = true, footer = ExitCode.FOOTER,
    description = "Cancels a running job: every service stops its work and the job ends CANCELED (needs --kafka).")
final class CancelCommand implements Callable<Integer> {

  @ParentCommand
  MilvusMigrate root;

  @Spec
  CommandSpec spec;

  @Mixin
  KafkaOptions kafka;

  @Parameters(paramLabel = "JOB", description = "The job to cancel.")
  String job;

  @Override
  public Integer call() {
    JobTopics topics = StatusCommand.ExternalKafka.topics(root.settings(kafka, Map.of()));
    JobStatus status = topics.statusOfKnownJob(job);
    if (status != null && JobStates.isFinal(status.getState())) {
      throw CliFailure.badInput("Job '" + job + "' already ended " + status.getState() + ": there is nothing to cancel.");
    }
    topics.cancel(job, "milvus-migrate cancel (" + System.getProperty("user.name") + ")");
    spec.commandLine().getOut().println("Cancel requested for job " + job + ".");
    return ExitCode.SUCCESSFUL;
  }
}
