package dev.milvusmigrate.cli;

import dev.milvusmigrate.core.domain.JobId;
import dev.milvusmigrate.core.domain.MilvusEndpoint;
import dev.milvusmigrate.schemas.JobSpecs;
import dev.milvusmigrate.schemas.avro.IndexPolicy;
import dev.milvusmigrate.schemas.avro.JobMode;
import dev.milvusmigrate.schemas.avro.JobSpec;
import dev.milvusmigrate.schemas.avro.JobStatus;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "offline", mixinStandardHelpOptions = true, footer = ExitCode.FOOTER,
    description = {"Copies one database (all or some collections) from the source to the target once, verifies"
        + " every collection and exits with the result.",
        "Runs every service in this process, on an embedded Kafka broker unless --kafka is given."
        + " Ctrl-C cancels the job."})
final class OfflineCommand extends CliCommand {

  /** How a user names the index policies on the command line. */
  enum IndexPolicyOption {
    autoindex(IndexPolicy.AUTOINDEX), copy_source(IndexPolicy.COPY_SOURCE);

    final IndexPolicy policy;

    IndexPolicyOption(IndexPolicy policy) {
      this.policy = policy;
    }
  }

  @Mixin
  MilvusOptions milvus;

  @Mixin
  ServicesOption services;

  @Mixin
  ScopeOptions scope;

  @Mixin
  RbacOptions rbac;

  @Option(names = "--load", description = "Load the migrated collections on the target at the end.")
  boolean load;

  @Option(names = "--index-policy", paramLabel = "POLICY", converter = IndexPolicyConverter.class,
      description = "autoindex (AUTOINDEX on every vector field, default) or copy-source (the source's indexes).")
  IndexPolicyOption indexPolicy = IndexPolicyOption.autoindex;

  @Option(names = "--auto-id", paramLabel = "KEYS", converter = AutoIdOption.Converter.class,
      description = AutoIdOption.DESCRIPTION)
  AutoIdOption autoId = AutoIdOption.keep_keys;

  @Option(names = "--job-id", paramLabel = "ID", description = "Job id (default: generated).")
  String jobId;

  @Override
  public Integer call() {
    scope.check();
    CliSettings settings = root.settings(kafka, services.with(milvus.overrides()));
    JobId job = JobOutcome.jobId(jobId, "offline");
    MilvusEndpoint source = settings.source();
    MilvusEndpoint target = settings.target();
    String targetDb = scope.targetDatabaseOrSame();
    List<String> planned = new Preflight().check(source, target, scope.database, scope.collections, targetDb);
    Optional<RbacCopy> roles = rbac.check(source, target, session -> List.of(scope.database), database -> targetDb);
    PrintWriter out = out();
    ServicesOption.checkBeforeSubmitting(settings, JobMode.OFFLINE, source, target, out);
    out.println("Job " + job + ": copying " + (scope.collections.isEmpty() ? "all " + planned.size() + " collections"
        : String.join(", ", planned)) + " of " + source.label() + "/" + scope.database + " to " + target.label() + "/"
        + targetDb + ".");
    out.flush();
    try (InProcessPipeline pipeline = InProcessPipeline.start(settings, job);
        CtrlC ctrlC = new CtrlC();
        ProgressDisplay display = new ProgressDisplay(System.err)) {
      pipeline.topics().submit(spec(job, source, target));
      Optional<JobStatus> last = new StatusFollower(pipeline.topics(), pipeline::statusServiceStopped).follow(job.value(), display::update,
          ctrlC::pressed);
      display.close();
      return RbacOptions.afterJob(roles, JobOutcome.report(out, pipeline.topics(), job, last), out);
    }
  }

  private JobSpec spec(JobId job, MilvusEndpoint source, MilvusEndpoint target) {
    return JobSpecs.offline(job.value(), scope.database, scope.collections, scope.targetDatabase, load,
        indexPolicy.policy, autoId.keys, source.label(), target.label());
  }

  /** Accepts autoindex and copy-source in any case. */
  static final class IndexPolicyConverter implements picocli.CommandLine.ITypeConverter<IndexPolicyOption> {
    @Override
    public IndexPolicyOption convert(String value) {
      try {
        return IndexPolicyOption.valueOf(value.toLowerCase(Locale.ROOT).replace('-', '_'));
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.TypeConversionException("'" + value
            + "' is not an index policy: use autoindex or copy-source");
      }
    }
  }
}
