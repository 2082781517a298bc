package dev.milvusmigrate.cli;

import dev.milvusmigrate.schemas.avro.JobStatus;
import dev.milvusmigrate.schemas.avro.LagReport;
import dev.milvusmigrate.schemas.avro.Notification;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecordBase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "lag", mixinStandardHelpOptions = true, footer = ExitCode.FOOTER,
    description = {"Shows Lag Behind Source and the stage of zero-downtime jobs (needs --kafka).",
        "With --follow, prints every new lag report, stage change and notification until Ctrl-C."})
final class LagCommand extends KafkaCommand {

  @Parameters(arity = "0..1", paramLabel = "JOB", description = "Only this job.")
  String job;

  @Option(names = "--follow", description = "Keep printing new reports.")
  boolean follow;

  @Override
  public Integer call() {
    JobTopics topics = topics();
    PrintWriter out = out();
    Map<String, JobStatus> statuses = topics.statuses();
    Map<String, LagReport> latest = new LinkedHashMap<>();
    TopicReader.readAll(topics.clients(), topics.names().lag(), LagReport.class).stream()
        .filter(r -> r.value() != null && wanted(r.key())).forEach(r -> latest.put(r.key(), r.value()));
    if (latest.isEmpty() && !follow) {
      out.println("No lag reported" + (job == null ? "" : " for job " + job) + " yet: lag is reported for running"
          + " zero-downtime jobs.");
    }
    latest.values().forEach(report -> out.println(LagLine.of(report, statuses.get(report.getJobId()))));
    out.flush();
    if (follow) {
      follow(topics, statuses, out);
    }
    return ExitCode.SUCCESSFUL;
  }

  private void follow(JobTopics topics, Map<String, JobStatus> statuses, PrintWriter out) {
    try (LagFeed feed = LagFeed.open(topics)) {
      feed.follow(this::wanted, value -> {
        print(value, statuses, out);
        out.flush();
      }, () -> Thread.currentThread().isInterrupted());
    }
  }

  private static void print(SpecificRecordBase value, Map<String, JobStatus> statuses, PrintWriter out) {
    if (value instanceof JobStatus status) {
      statuses.put(status.getJobId(), status);
    } else if (value instanceof LagReport report) {
      out.println(LagLine.of(report, statuses.get(report.getJobId())));
    } else if (value instanceof Notification notification) {
      out.println(LagLine.of(notification));
    }
  }

  private boolean wanted(String key) {
    return job == null || job.equals(key);
  }
}
