package dev.milvusmigrate.cli;

import dev.milvusmigrate.core.domain.JobId;
import dev.milvusmigrate.kafka.JobTopics;
import dev.milvusmigrate.schemas.JobStates;
import dev.milvusmigrate.schemas.avro.JobStatus;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "cleanup", mixinStandardHelpOptions = true, footer = ExitCode.FOOTER,
    description = {"Deletes the topics of an ended job (snapshot, mutations, checkpoints) now instead of after"
        + " lag.ended-job-topics.retention (needs --kafka).",
        "The job's status, reports and notifications stay on the shared topics."})
final class CleanupCommand extends KafkaCommand {

  @Parameters(paramLabel = "JOB", description = "The ended job whose topics to delete.")
  String job;

  @Override
  public Integer call() {
    JobTopics topics = topics();
    JobStatus status = statusOfKnownJob(topics, job);
    if (status == null || !JobStates.isFinal(status.getState())) {
      throw CliFailure.badInput("Job '" + job + "' has not ended: its services still use its topics; cancel it"
          + " ('milvus-migrate cancel " + job + "') or let it end first.");
    }
    List<String> deleted = topics.deleteJobTopics(new JobId(job));
    out().println(deleted.isEmpty() ? "Job " + job + " has no topics left."
        : "Deleted the " + deleted.size() + " topics of job " + job + ": " + String.join(", ", deleted)
            + ". 'milvus-migrate status " + job + "' still shows how it ended.");
    return ExitCode.SUCCESSFUL;
  }
}
