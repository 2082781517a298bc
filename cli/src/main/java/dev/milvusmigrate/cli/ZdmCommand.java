package dev.milvusmigrate.cli;

import dev.milvusmigrate.core.domain.JobId;
import dev.milvusmigrate.core.domain.MilvusEndpoint;
import dev.milvusmigrate.schemas.avro.JobMode;
import dev.milvusmigrate.schemas.avro.JobSpec;
import dev.milvusmigrate.schemas.avro.JobStatus;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "zdm", mixinStandardHelpOptions = true, footer = ExitCode.FOOTER,
    description = {"Zero-downtime migration: copies every database of the source to the target while"
        + " applications keep writing, then keeps applying every insert, upsert and delete read from the"
        + " source's log (Milvus 2.3-2.5 with Kafka as its message queue).",
        "Runs every service in this process, on an embedded Kafka broker unless --kafka is given, and shows"
        + " the stage (SNAPSHOT, then SYNCING) and progress. Ctrl-C cancels the job."})
final class ZdmCommand implements Callable<Integer> {

  @ParentCommand
  MilvusMigrate root;

  @Spec
  CommandSpec spec;

  @Mixin
  KafkaOptions kafka;

  @Mixin
  MilvusOptions milvus;

  @Option(names = "--source-wal-kafka", paramLabel = "BOOTSTRAP", required = true,
      description = "Kafka the source Milvus writes its log to (its kafka.brokerList).")
  String sourceWalKafka;

  @Option(names = "--source-wal-prefix", paramLabel = "PREFIX", defaultValue = "by-dev",
      description = "The source's cluster prefix (common.chanNamePrefix.cluster), default ${DEFAULT-VALUE}.")
  String sourceWalPrefix;

  @Option(names = "--index-policy", paramLabel = "POLICY", converter = OfflineCommand.IndexPolicyConverter.class,
      description = "autoindex (AUTOINDEX on every vector field, default) or copy-source (the source's indexes).")
  OfflineCommand.IndexPolicyOption indexPolicy = OfflineCommand.IndexPolicyOption.autoindex;

  @Option(names = "--job-id", paramLabel = "ID", description = "Job id (default: generated).")
  String jobId;

  @Override
  public Integer call() {
    CliSettings settings = root.settings(kafka, milvus.overrides());
    JobId job = JobOutcome.jobId(jobId, "zdm");
    MilvusEndpoint source = settings.source();
    MilvusEndpoint target = settings.target();
    int collections = new Preflight().checkZeroDowntime(source, target);
    SourceLogCheck.check(sourceWalKafka, sourceWalPrefix, collections);
    PrintWriter out = spec.commandLine().getOut();
    out.println("Job " + job + ": zero-downtime migration of every database of " + source.label() + " ("
        + collections + " collections now) to " + target.label() + ", then syncing changes from its log at "
        + sourceWalKafka + " (" + sourceWalPrefix + "-rootcoord-dml_*).");
    out.flush();
    InProcessPipeline.SourceLog log = new InProcessPipeline.SourceLog(sourceWalKafka, sourceWalPrefix);
    try (InProcessPipeline pipeline = InProcessPipeline.start(settings, job, Optional.of(log));
        CtrlC ctrlC = new CtrlC();
        ProgressDisplay display = new ProgressDisplay(System.err)) {
      pipeline.topics().submit(spec(job, source, target));
      String kafkaOption = " --kafka " + pipeline.topics().bootstrap() + prefixOption(settings);
      out.println("Follow the lag: milvus-migrate lag " + job + " --follow" + kafkaOption);
      out.println("Once the applications stopped writing to the source and the lag is low: milvus-migrate stop-sync "
          + job + " --confirm-writes-stopped" + kafkaOption);
      out.flush();
      Optional<JobStatus> last = new StatusFollower(pipeline.topics(), pipeline::statusServiceStopped)
          .follow(job.value(), display::update, ctrlC::pressed);
      display.close();
      return JobOutcome.report(out, pipeline.topics(), job, last);
    }
  }

  private static String prefixOption(CliSettings settings) {
    String prefix = settings.topics().prefix();
    return prefix.equals("milvus-migrate") ? "" : " --topic-prefix " + prefix;
  }

  private JobSpec spec(JobId job, MilvusEndpoint source, MilvusEndpoint target) {
    return JobSpec.newBuilder().setJobId(job.value()).setMode(JobMode.ZERO_DOWNTIME).setDatabase(null)
        .setCollections(List.of()).setIndexPolicy(indexPolicy.policy).setSourceLabel(source.label())
        .setTargetLabel(target.label()).setSubmittedAt(System.currentTimeMillis()).build();
  }
}
