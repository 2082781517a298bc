package dev.milvusmigrate.cli;

import dev.milvusmigrate.core.domain.JobId;
import dev.milvusmigrate.kafka.JobTopics;
import dev.milvusmigrate.schemas.JobStates;
import dev.milvusmigrate.schemas.avro.JobMode;
import dev.milvusmigrate.schemas.avro.JobSpec;
import dev.milvusmigrate.schemas.avro.JobStatus;
import dev.milvusmigrate.schemas.avro.ProxyChange;
import dev.milvusmigrate.schemas.avro.ProxyChangeKind;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "cutover", mixinStandardHelpOptions = true, footer = ExitCode.FOOTER,
    description = {"Cuts a zero-downtime job captured by a capture-proxy over to the target while the applications"
        + " keep writing (needs --kafka): the proxy holds their writes, stops the sync, and once the job is"
        + " SUCCESSFUL serves the target and releases the writes there; otherwise it releases them to the source"
        + " and stays there.",
        "Waits for the proxy's answer and prints the verification report unless --no-wait is given."})
final class CutoverCommand extends KafkaCommand {

  /** How long the CLI waits for a proxy to answer; the proxy's own bound is cutover.max-hold. */
  private static final Duration ANSWER_WITHIN = Duration.ofMinutes(5);
  private static final Duration POLL = Duration.ofMillis(250);

  @Parameters(paramLabel = "JOB", description = "The zero-downtime job to cut over.")
  String job;

  @Option(names = "--no-wait", description = "Return once the command is sent.")
  boolean noWait;

  @Override
  public Integer call() throws InterruptedException {
    JobTopics topics = topics();
    JobStatus status = topics.statuses().get(job);
    JobSpec spec = topics.jobs().get(job);
    if (spec == null) {
      throw unknownJob(topics, job);
    }
    if (status == null) {
      throw CliFailure.badInput("Job '" + job + "' was submitted but has no status yet: cut it over once it syncs"
          + " (milvus-migrate status " + job + ").");
    }
    if (status.getMode() != JobMode.ZERO_DOWNTIME) {
      throw CliFailure.badInput("Job '" + job + "' is an offline job, which ends by itself: there is nothing to cut"
          + " over.");
    }
    if (JobStates.isFinal(status.getState())) {
      throw CliFailure.badInput("Job '" + job + "' already ended " + status.getState() + ": there is nothing to cut"
          + " over.");
    }
    String proxy = spec.getCaptureProxy();
    if (proxy == null) {
      throw CliFailure.badInput("Job '" + job + "' reads the source's own log, not a capture-proxy: stop the"
          + " applications' writes and run stop-sync " + job + " --confirm-writes-stopped instead.");
    }
    long after = topics.cutoverOutcomes(proxy).stream().mapToLong(ConsumerRecord::offset).max().orElse(-1);
    PrintWriter out = out();
    long sent = System.nanoTime();
    topics.cutover(job, "milvus-migrate cutover (" + System.getProperty("user.name") + ")");
    out.println("Cutover requested for job " + job + " through the capture-proxy for source '" + proxy + "'.");
    if (noWait) {
      return ExitCode.SUCCESSFUL;
    }
    out.flush();
    ProxyChange outcome = answer(topics, proxy, after);
    out.printf("Cutover answered in %.1f s.%n", (System.nanoTime() - sent) / 1e9);
    if (outcome.getKind() != ProxyChangeKind.SWITCHED) {
      out.println(outcome.getDetail());
      return ExitCode.FAILED;
    }
    out.println("The capture-proxy for source '" + proxy + "' now serves the target " + outcome.getDetail()
        + "; the applications keep their address.");
    return JobOutcome.report(out, topics, new JobId(job), Optional.ofNullable(topics.statuses().get(job)));
  }

  /** The proxy's outcome of this job's cutover, recorded after offset {@code after} of its state topic. */
  private ProxyChange answer(JobTopics topics, String proxy, long after) throws InterruptedException {
    long deadline = System.nanoTime() + ANSWER_WITHIN.toNanos();
    while (System.nanoTime() < deadline) {
      Optional<ProxyChange> outcome = topics.cutoverOutcomes(proxy).stream()
          .filter(r -> r.offset() > after && r.value() != null && job.equals(r.value().getJobId())
              && r.value().getKind() != ProxyChangeKind.CUTOVER_STARTED)
          .map(ConsumerRecord::value).findFirst();
      if (outcome.isPresent()) {
        return outcome.get();
      }
      Thread.sleep(POLL.toMillis());
    }
    throw new CliFailure(ExitCode.FAILED, "No capture-proxy for source '" + proxy + "' answered the cutover of job "
        + job + " within " + ANSWER_WITHIN.toMinutes() + " min: check that milvus-migrate proxy runs with"
        + " proxy.source-id=" + proxy + " on this Kafka; the job keeps syncing.");
  }
}
