package dev.milvusmigrate.cli;

import dev.milvusmigrate.core.domain.JobId;
import dev.milvusmigrate.kafka.JobTopics;
import dev.milvusmigrate.schemas.JobStates;
import dev.milvusmigrate.schemas.avro.JobMode;
import dev.milvusmigrate.schemas.avro.JobStatus;
import java.io.PrintWriter;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "stop-sync", mixinStandardHelpOptions = true, footer = ExitCode.FOOTER,
    description = {"Stop Data Sync of a zero-downtime job once applications stopped writing to the source:"
        + " capture reads the source's log up to now and writes a fence, the sink applies everything before it,"
        + " verifies every collection, and the job ends SUCCESSFUL (needs --kafka).",
        "Waits for the end and prints the verification report unless --no-wait is given."})
final class StopSyncCommand extends KafkaCommand {

  @Parameters(paramLabel = "JOB", description = "The zero-downtime job to stop.")
  String job;

  @Option(names = "--confirm-writes-stopped", description = "Confirms that no application writes to the source any"
      + " more; required, because changes after the fence would not reach the target.")
  boolean writesStopped;

  @Option(names = "--no-wait", description = "Return once the command is sent.")
  boolean noWait;

  @Override
  public Integer call() {
    if (!writesStopped) {
      throw CliFailure.badInput("Stop the applications' writes to the source first, then run stop-sync " + job
          + " --confirm-writes-stopped: changes made after the fence would not reach the target.");
    }
    JobTopics topics = topics();
    JobStatus status = topics.statuses().get(job);
    if (status == null) {
      throw unknownJob(topics, job);
    }
    if (status.getMode() != JobMode.ZERO_DOWNTIME) {
      throw CliFailure.badInput("Job '" + job + "' is an offline job, which ends by itself: use cancel to stop it.");
    }
    if (JobStates.isFinal(status.getState())) {
      throw CliFailure.badInput("Job '" + job + "' already ended " + status.getState() + ": there is nothing to stop.");
    }
    PrintWriter out = out();
    long sent = System.nanoTime();
    topics.stopSync(job, true, "milvus-migrate stop-sync (" + System.getProperty("user.name") + ")");
    out.println("Stop-sync requested for job " + job + ".");
    if (noWait) {
      return ExitCode.SUCCESSFUL;
    }
    out.flush();
    Optional<JobStatus> last = new StatusFollower(topics, () -> false).follow(job, s -> { }, () -> false);
    out.printf("Stop-sync to %s took %.1f s.%n", last.map(JobStatus::getState).orElse(null),
        (System.nanoTime() - sent) / 1e9);
    return JobOutcome.report(out, topics, new JobId(job), last);
  }
}
