package dev.milvusmigrate.bench;

import dev.milvusmigrate.cli.CliSettings;
import dev.milvusmigrate.cli.InProcessPipeline;
import dev.milvusmigrate.cli.StatusFollower;
import dev.milvusmigrate.core.domain.JobId;
import dev.milvusmigrate.kafka.TopicReader;
import dev.milvusmigrate.schemas.avro.CollectionCopied;
import dev.milvusmigrate.schemas.avro.IndexPolicy;
import dev.milvusmigrate.schemas.avro.JobMode;
import dev.milvusmigrate.schemas.avro.JobSpec;
import dev.milvusmigrate.schemas.avro.JobState;
import dev.milvusmigrate.schemas.avro.JobStatus;
import dev.milvusmigrate.schemas.avro.ProgressEvent;
import dev.milvusmigrate.schemas.avro.VerificationReport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * The pipeline as the CLI's {@code offline} command runs it: every service in this process
 * ({@link InProcessPipeline}) on the given Kafka, or only the submission when they run elsewhere, one OFFLINE job for the source database into a
 * target database of its own, followed on the status topic until it ends. The copy is timed
 * from submission to the sink's first {@code CollectionCopied} report covering every source row
 * (written right after the target acknowledged the last batch); the job separately until it is
 * SUCCESSFUL, which adds flush and verification.
 */
final class PipelineCopy {

  static final String METHOD = "(a) pipeline (exporter -> Kafka -> sink)";
  private static final Duration JOB_TIMEOUT = Duration.ofMinutes(60);

  /**
   * The copy's throughput, the time from submission until the job was SUCCESSFUL, and the CPU
   * used from submission until the job's status first showed every row copied.
   */
  record Result(Throughput copy, Duration untilSuccessful, String copyCpu, Duration untilFirstRows,
      Optional<CopyCpu> copyCpuUse) {}

  private final String kafkaBootstrap;
  private final boolean servicesElsewhere;
  private final BooleanSupplier statusServiceStopped;

  /** Every service in this process, started for the job and stopped after it. */
  PipelineCopy(String kafkaBootstrap) {
    this(kafkaBootstrap, false, () -> false);
  }

  private PipelineCopy(String kafkaBootstrap, boolean servicesElsewhere, BooleanSupplier statusServiceStopped) {
    this.kafkaBootstrap = kafkaBootstrap;
    this.servicesElsewhere = servicesElsewhere;
    this.statusServiceStopped = statusServiceStopped;
  }

  /**
   * The services already run elsewhere (processes of their own) on this Kafka, as the CLI's
   * {@code --external-services} expects them; this process only creates the job's topics, submits
   * the job and follows it on the status the lag-monitor keeps, which has stopped when
   * {@code statusServiceStopped} says so.
   */
  static PipelineCopy onServicesElsewhere(String kafkaBootstrap, BooleanSupplier statusServiceStopped) {
    return new PipelineCopy(kafkaBootstrap, true, statusServiceStopped);
  }

  Result run(String sourceUri, String sourceDb, String targetUri, String targetDb, long sourceRows, int rowBytes,
      CpuMeter cpu) {
    JobId job = new JobId("bench-" + targetDb.replace('_', '-') + "-" + System.currentTimeMillis());
    CliSettings settings = CliSettings.load(null, Map.of(), Map.of("kafka.bootstrap", kafkaBootstrap,
        "source.uri", sourceUri, "target.uri", targetUri,
        "cli.external-services", Boolean.toString(servicesElsewhere)));
    try (InProcessPipeline pipeline = InProcessPipeline.start(settings, job)) {
      long submittedAtMillis = System.currentTimeMillis();
      long submitted = System.nanoTime();
      CpuMeter.Sample atSubmission = cpu.sample();
      AtomicReference<CpuMeter.Sample> atCopied = new AtomicReference<>();
      pipeline.topics().submit(spec(job, sourceDb, targetDb, sourceUri, targetUri, submittedAtMillis));
      Instant deadline = Instant.now().plus(JOB_TIMEOUT);
      JobStatus last = new StatusFollower(pipeline.topics(),
          () -> pipeline.statusServiceStopped() || statusServiceStopped.getAsBoolean())
          .follow(job.value(), status -> {
            if (status.getRowsCopied() >= sourceRows && atCopied.get() == null) {
              atCopied.set(cpu.sample());
            }
          }, () -> Instant.now().isAfter(deadline))
          .orElseThrow(() -> new IllegalStateException("Pipeline job " + job + " did not end within " + JOB_TIMEOUT
              + " and did not confirm its cancellation."));
      Duration untilSuccessful = Duration.ofNanos(System.nanoTime() - submitted);
      if (last.getState() != JobState.SUCCESSFUL) {
        throw new IllegalStateException("Pipeline job " + job + " ended " + last.getState() + ": "
            + last.getReason() + (last.getErrorDetails() == null ? "" : "\n" + last.getErrorDetails())
            + failedVerifications(pipeline, job));
      }
      List<CollectionCopied> reports = copiedReports(pipeline, job);
      long copiedAtMillis = allRowsCopiedAt(reports, job, sourceRows);
      Throughput copy = Throughput.of(METHOD, sourceRows, rowBytes, Duration.ofMillis(copiedAtMillis
          - submittedAtMillis));
      long firstRowsAtMillis = reports.stream().filter(report -> report.getRowsCopied() > 0)
          .mapToLong(CollectionCopied::getAt).min().orElse(copiedAtMillis);
      String copyCpu = atCopied.get() == null ? "(no status showed every row copied)"
          : CpuMeter.since(atSubmission, atCopied.get()) + " (submission until the status showed every row copied)"
              + "\n    " + CpuMeter.jvmThreadsSince(atSubmission, atCopied.get());
      return new Result(copy, untilSuccessful, copyCpu, Duration.ofMillis(firstRowsAtMillis - submittedAtMillis),
          Optional.ofNullable(atCopied.get()).map(copied -> CpuMeter.copy(atSubmission, copied, copy.bytes())));
    }
  }

  /** The sink's reports of rows written, each stamped with its own clock, in this JVM. */
  private static List<CollectionCopied> copiedReports(InProcessPipeline pipeline, JobId job) {
    return progress(pipeline, job, CollectionCopied.class);
  }

  /** The verification reports that did not pass, each on a line of its own, so a failed run says why. */
  private static String failedVerifications(InProcessPipeline pipeline, JobId job) {
    return progress(pipeline, job, VerificationReport.class).stream().filter(report -> !report.getPassed())
        .map(report -> "\nFailed verification: " + report).collect(Collectors.joining());
  }

  private static <T> List<T> progress(InProcessPipeline pipeline, JobId job, Class<T> kind) {
    return TopicReader.readAll(pipeline.topics().bootstrap(), pipeline.topics().names().progress(),
            ProgressEvent.class).stream()
        .filter(record -> job.value().equals(record.key()) && record.value() != null)
        .map(record -> record.value().getPayload())
        .filter(kind::isInstance).map(kind::cast).toList();
  }

  /** When the sink (every instance of it) first reported every source row written. */
  private static long allRowsCopiedAt(List<CollectionCopied> reports, JobId job, long sourceRows) {
    return CopiedReports.allRowsCopiedAt(reports, sourceRows)
        .orElseThrow(() -> new IllegalStateException("Pipeline job " + job + " is SUCCESSFUL but never reported "
            + sourceRows + " rows copied; reports: " + reports.size()));
  }

  private static JobSpec spec(JobId job, String sourceDb, String targetDb, String sourceUri, String targetUri,
      long submittedAt) {
    return JobSpec.newBuilder().setJobId(job.value()).setMode(JobMode.OFFLINE).setDatabase(sourceDb)
        .setCollections(List.of()).setTargetDatabase(Objects.requireNonNull(targetDb)).setLoadAtEnd(false)
        .setIndexPolicy(IndexPolicy.AUTOINDEX).setSourceLabel(sourceUri).setTargetLabel(targetUri)
        .setSubmittedAt(submittedAt).build();
  }
}
