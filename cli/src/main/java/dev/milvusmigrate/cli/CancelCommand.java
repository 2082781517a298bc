package dev.milvusmigrate.cli;

import dev.milvusmigrate.kafka.JobTopics;
import dev.milvusmigrate.schemas.JobStates;
import dev.milvusmigrate.schemas.avro.JobStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "cancel", mixinStandardHelpOptions = true, footer = ExitCode.FOOTER,
    description = "Cancels a running job: every service stops its work and the job ends CANCELED (needs --kafka).")
final class CancelCommand extends KafkaCommand {

  @Parameters(paramLabel = "JOB", description = "The job to cancel.")
  String job;

  @Override
  public Integer call() {
    JobTopics topics = topics();
    JobStatus status = statusOfKnownJob(topics, job);
    if (status != null && JobStates.isFinal(status.getState())) {
      throw CliFailure.badInput("Job '" + job + "' already ended " + status.getState() + ": there is nothing to cancel.");
    }
    topics.cancel(job, "milvus-migrate cancel (" + System.getProperty("user.name") + ")");
    out().println("Cancel requested for job " + job + ".");
    return ExitCode.SUCCESSFUL;
  }
}
