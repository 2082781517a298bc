package dev.milvusmigrate.cli;

import dev.milvusmigrate.core.domain.JobId;
import dev.milvusmigrate.core.domain.KafkaCommandOptions;
import dev.milvusmigrate.schemas.avro.JobStatus;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "zdm", mixinStandardHelpOptions = true, footer = ExitCode.FOOTER,
    description = {"Zero-downtime migration: copies every database of the source to the target while"
        + " applications keep writing, then keeps applying every insert, upsert and delete read from the"
        + " source's log (Milvus 2.2.16-2.5 with Kafka or Pulsar as its message queue) or recorded by the capture-proxy the"
        + " applications write through (any Milvus, --capture proxy).",
        "Runs every service in this process, on an embedded Kafka broker unless --kafka is given, and shows"
        + " the stage (SNAPSHOT, then SYNCING) and progress. Ctrl-C cancels the job."})
final class ZdmCommand extends CliCommand {

  @Mixin
  MilvusOptions milvus;

  @Mixin
  ServicesOption services;

  @Mixin
  RbacOptions rbac;

  @Option(names = "--capture", paramLabel = "FROM", defaultValue = "wal",
      description = "Where the source's writes are read: wal (the source's own log on Kafka or Pulsar, Milvus 2.3-2.5"
      + " with mq.type kafka or pulsar; default) or proxy (the capture-proxy the applications write through, any Milvus: start it"
      + " with `milvus-migrate proxy` and point the applications at it before the job; needs --kafka).")
  CaptureFrom capture;

  @Option(names = "--proxy-source-id", paramLabel = "ID", defaultValue = "source",
      description = "With --capture proxy: the capture-proxy's --source-id, default ${DEFAULT-VALUE}.")
  String proxySourceId;

  @Option(names = "--source-wal-kafka", paramLabel = "BOOTSTRAP",
      description = "With --capture wal: Kafka the source Milvus writes its log to (its kafka.brokerList).")
  String sourceWalKafka;

  @Option(names = "--source-wal-pulsar", paramLabel = "URL",
      description = "With --capture wal, instead of --source-wal-kafka: service URL (pulsar://host:6650 or"
      + " pulsar+ssl://host:6651) of the Pulsar the source Milvus writes its log to (its pulsar.address and"
      + " pulsar.port); a token and trusted CA certificates come from capture.wal.pulsar.token and"
      + " capture.wal.pulsar.tls-trust-certs in --config or the environment.")
  String sourceWalPulsar;

  @Option(names = "--source-wal-pulsar-admin", paramLabel = "URL",
      description = "With --source-wal-pulsar: its admin REST URL (pulsar.webport), default http://<host>:8080"
      + " (https://<host>:8443 for pulsar+ssl).")
  String sourceWalPulsarAdmin;

  @Option(names = "--source-wal-pulsar-namespace", paramLabel = "TENANT/NAMESPACE", defaultValue = "public/default",
      description = "With --source-wal-pulsar: the source's pulsar.tenant/pulsar.namespace, default ${DEFAULT-VALUE}.")
  String sourceWalPulsarNamespace;

  @Option(names = "--source-wal-prefix", paramLabel = "PREFIX", defaultValue = "by-dev",
      description = "The source's cluster prefix (common.chanNamePrefix.cluster), default ${DEFAULT-VALUE}.")
  String sourceWalPrefix;

  @Option(names = "--index-policy", paramLabel = "POLICY", converter = OfflineCommand.IndexPolicyConverter.class,
      description = "autoindex (AUTOINDEX on every vector field, default) or copy-source (the source's indexes).")
  OfflineCommand.IndexPolicyOption indexPolicy = OfflineCommand.IndexPolicyOption.autoindex;

  @Option(names = "--auto-id", paramLabel = "KEYS", converter = AutoIdOption.Converter.class,
      description = "keep-keys only (default): the target holds the source's primary keys, as `offline --auto-id`"
      + " keep-keys does; regenerate is refused, since the source's deletes and upserts name keys the target would"
      + " not hold.")
  AutoIdOption autoId = AutoIdOption.keep_keys;

  @Option(names = "--database", paramLabel = "NAME",
      description = "Copy and sync this database only (default: every database of the source, as the vendor's"
      + " zero-downtime migration does); its DDL alone is watched, so jobs of other databases can run beside it.")
  String database;

  @Option(names = "--job-id", paramLabel = "ID", description = "Job id (default: generated).")
  String jobId;

  @Override
  public Integer call() {
    if (autoId == AutoIdOption.regenerate) {
      throw CliFailure.badInput("--auto-id regenerate works only with offline: a zero-downtime job applies the"
          + " source's deletes and upserts by the source's keys, which the target would not hold; leave out --auto-id"
          + " to keep the keys.");
    }
    MilvusNames.check("--database", database);
    CliSettings settings = root.settings(kafka, services.with(milvus.overrides()));
    JobId job = JobOutcome.jobId(jobId, "zdm");
    PrintWriter out = out();
    InProcessPipeline.Capture log = capture(settings);
    Optional<RbacCopy> roles = rbac.check(settings.source(), settings.target(),
        session -> database == null ? session.catalog().listDatabases() : List.of(database), UnaryOperator.identity());
    try (ZeroDowntimeJob running = ZeroDowntimeJob.start(settings, job, log, indexPolicy.policy, database, out);
        CtrlC ctrlC = new CtrlC();
        ProgressDisplay display = new ProgressDisplay(System.err)) {
      String kafkaOption = KafkaCommandOptions.of(running.topics().bootstrap(), settings.topics());
      out.println("Follow the lag: milvus-migrate lag " + job + " --follow" + kafkaOption);
      out.println("Once the applications stopped writing to the source and the lag is low: milvus-migrate stop-sync "
          + job + " --confirm-writes-stopped" + kafkaOption);
      out.flush();
      Optional<JobStatus> last = running.follow(display::update, ctrlC::pressed);
      display.close();
      return RbacOptions.afterJob(roles, running.report(out, last), out);
    }
  }

  /** The two places a zero-downtime job reads the source's writes from. */
  enum CaptureFrom { wal, proxy }

  private InProcessPipeline.Capture capture(CliSettings settings) {
    if (capture == CaptureFrom.proxy && settings.kafka().isBlank()) {
      throw CliFailure.badInput("--capture proxy needs --kafka: the Kafka the capture-proxy records the applications'"
          + " writes in (its --kafka).");
    }
    if (capture == CaptureFrom.proxy) {
      return new InProcessPipeline.ProxyTopic(proxySourceId);
    }
    boolean onKafka = sourceWalKafka != null && !sourceWalKafka.isBlank();
    boolean onPulsar = sourceWalPulsar != null && !sourceWalPulsar.isBlank();
    if (onKafka == onPulsar) {
      throw CliFailure.badInput("Give either --source-wal-kafka or --source-wal-pulsar (the Kafka or Pulsar the"
          + " source Milvus writes its log to), or --capture proxy when the applications write through a"
          + " capture-proxy.");
    }
    if (onPulsar) {
      if (!sourceWalPulsarNamespace.matches("[^/\\s]+/[^/\\s]+")) {
        throw CliFailure.badInput("--source-wal-pulsar-namespace takes TENANT/NAMESPACE, e.g. public/default.");
      }
      return new InProcessPipeline.PulsarSourceLog(sourceWalPulsar, sourceWalPulsarAdmin, sourceWalPulsarNamespace,
          sourceWalPrefix);
    }
    return new InProcessPipeline.SourceLog(sourceWalKafka, sourceWalPrefix);
  }
}
