package dev.milvusmigrate.cli;

import dev.milvusmigrate.core.domain.JobId;
import dev.milvusmigrate.kafka.JobTopics;
import dev.milvusmigrate.schemas.JobStates;
import dev.milvusmigrate.schemas.ProxyServing;
import dev.milvusmigrate.schemas.avro.JobSpec;
import dev.milvusmigrate.schemas.avro.JobStatus;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "status", mixinStandardHelpOptions = true, footer = ExitCode.FOOTER,
    description = "Shows one line per job, or the details and verification report of one job (needs --kafka).")
final class StatusCommand extends KafkaCommand {

  @Parameters(arity = "0..1", paramLabel = "JOB", description = "The job to show in detail.")
  String job;

  @Override
  public Integer call() {
    JobTopics topics = topics();
    PrintWriter out = out();
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
      throw unknownJob(topics, job);
    }
    out.print(StatusRenderer.details(status));
    JobSpec spec = topics.jobs().get(job);
    if (spec != null && spec.getCaptureProxy() != null) {
      String proxy = spec.getCaptureProxy();
      out.println("Proxy:      " + ProxyServing.describe(job, proxy, spec.getSourceLabel(),
          topics.cutoverOutcomes(proxy).stream().map(ConsumerRecord::value).filter(Objects::nonNull).toList()));
    }
    if (JobStates.isFinal(status.getState())) {
      out.print(VerificationTable.render(topics.verificationReports(new JobId(job))));
    }
    return ExitCode.SUCCESSFUL;
  }
}
