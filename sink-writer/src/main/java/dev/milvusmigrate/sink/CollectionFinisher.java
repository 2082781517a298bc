package dev.milvusmigrate.sink;

import dev.milvusmigrate.core.concurrent.OwnThread;
import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.milvus.MilvusSession;
import dev.milvusmigrate.runtime.LogContext;
import dev.milvusmigrate.schemas.JobSpecs;
import dev.milvusmigrate.schemas.avro.AutoIdKeys;
import dev.milvusmigrate.schemas.avro.CollectionSchema;
import dev.milvusmigrate.schemas.avro.JobMode;
import dev.milvusmigrate.schemas.avro.JobSpec;
import dev.milvusmigrate.schemas.avro.VerificationReport;
import dev.milvusmigrate.verification.CollectionVerifier;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of a collection's copy: flush it on the target (offline jobs) while verifying it against
 * the source, create its aliases on the target once it passed (before the report that may end the job
 * SUCCESSFUL), report the rows and the verification, and set the load state the job asks for. An
 * offline job finishes each collection at its SNAPSHOT_END; a zero-downtime job every collection
 * once the stop-sync fence was drained, without the flush: verification reads with strong
 * consistency, which sees unflushed writes, and the flush would add seconds to the cutover.
 */
final class CollectionFinisher {

  private static final Logger log = LoggerFactory.getLogger(CollectionFinisher.class);
  /** Collections verified at once at cutover; their reads mostly wait on the servers. */
  private static final int CUTOVER_PARALLELISM = 4;

  private final JobSpec job;
  private final MilvusSession target;
  private final CollectionVerifier verifier;
  private final TargetRetrier retrier;
  private final ProgressPublisher progress;
  private final JobTargets targets;
  private final SinkMetrics metrics;
  private final TargetAliases aliases;

  CollectionFinisher(JobSpec job, SinkContext context, TargetRetrier retrier, ProgressPublisher progress,
      JobTargets targets, SinkMetrics metrics, CollectionVerifier.Shortcut shortcut) {
    this.job = job;
    this.target = context.target();
    CollectionVerifier sampling = new CollectionVerifier(context.source(), context.target(), context.sampleSize(),
        new SecureRandom(), shortcut);
    CollectionVerifier verifier = context.verifyInFull() ? sampling.inFull() : sampling;
    this.verifier = job.getAutoIdKeys() == AutoIdKeys.REGENERATE ? verifier.withRegeneratedKeys() : verifier;
    this.retrier = retrier;
    this.progress = progress;
    this.targets = targets;
    this.metrics = metrics;
    this.aliases = new TargetAliases(context.source().catalog(), context.target().catalog());
  }

  /**
   * Finishes a zero-downtime job's collections at cutover, several at once: their verification
   * reads mostly wait for the servers to reach the fence, so together they wait about once. The
   * load states are set once every collection is reported (a release takes about a second on Milvus
   * 2.3, one at a time). Returns once every collection is finished; the first failure is thrown then.
   *
   * @param prepare makes a collection's target ready before it is verified
   */
  void finishAtCutover(List<CollectionSchema> collections, Consumer<CollectionSchema> prepare) {
    AtomicInteger threads = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(CUTOVER_PARALLELISM,
        collections.size())), runnable -> new Thread(runnable, Thread.currentThread().getName() + "-cutover-"
            + threads.incrementAndGet()));
    try {
      eachAtOnce(pool, collections, schema -> {
        prepare.accept(schema);
        verifyAndReport(JobTargets.source(schema), null);
      });
      eachAtOnce(pool, collections, schema -> setLoadState(JobTargets.source(schema)));
    } finally {
      pool.shutdownNow();
    }
  }

  private void eachAtOnce(ExecutorService pool, List<CollectionSchema> collections, Consumer<CollectionSchema> step) {
    collections.stream().map(schema -> CompletableFuture.runAsync(() -> {
      try (var job = LogContext.job(this.job.getJobId());
          var collection = LogContext.collection(JobTargets.source(schema))) {
        step.accept(schema);
      }
    }, pool)).toList().forEach(CollectionVerifier::joined);
  }

  /** @param rowsRead rows the snapshot read, or null to report the target's distinct keys */
  void finish(CollectionName source, Long rowsRead) {
    try (var context = LogContext.collection(source)) {
      verifyAndReport(source, rowsRead);
      setLoadState(source);
    }
  }

  private void verifyAndReport(CollectionName source, Long rowsRead) {
    CollectionName targetName = targets.target(source);
    String name = source.qualified();
    long started = System.nanoTime();
    CompletableFuture<Long> flushed = flush(source, targetName, started);
    VerificationReport report = retrier.call("verifying " + name, source,
        () -> verifier.verify(job.getJobId(), source, targetName.database()), () -> { });
    long verified = System.nanoTime();
    long flushedAt = CollectionVerifier.joined(flushed);
    if (report.getPassed()) {
      report = withAliases(report, source, targetName);
    }
    progress.collectionCopied(source, rowsRead != null ? rowsRead : report.getTargetDistinctKeys(), true);
    progress.verified(report);
    metrics.verified(report.getPassed());
    log.info("Collection {} copied and verified: passed={} (flush {} ms and verification {} ms, at once)", name,
        report.getPassed(), (flushedAt - started) / 1_000_000, (verified - started) / 1_000_000);
  }

  /**
   * An offline job's flush of the copy on the target, on a thread of its own while the verification
   * runs: the verification reads with strong consistency, which sees unflushed writes, so it need not
   * wait for the flush; the collection is reported only once both ended. Completes with the time the
   * flush ended ({@code started} for a zero-downtime job, which does not flush).
   */
  private CompletableFuture<Long> flush(CollectionName source, CollectionName targetName, long started) {
    if (job.getMode() != JobMode.OFFLINE) {
      return CompletableFuture.completedFuture(started);
    }
    String thread = Thread.currentThread().getName() + "-flush";
    return CompletableFuture.supplyAsync(() -> {
      try (var jobContext = LogContext.job(job.getJobId()); var collection = LogContext.collection(source)) {
        retrier.run("flushing " + source.qualified() + " on the target", source,
            () -> target.catalog().flush(targetName));
        return System.nanoTime();
      }
    }, OwnThread.named(thread));
  }

  private VerificationReport withAliases(VerificationReport report, CollectionName source, CollectionName targetName) {
    List<String> created = retrier.call("creating the aliases of " + source.qualified() + " on the target", source,
        () -> aliases.copy(source, targetName), () -> { });
    if (created.isEmpty()) {
      return report;
    }
    List<String> findings = new ArrayList<>(report.getFindings());
    findings.add("aliases on the target: " + created.stream().map(alias -> new CollectionName(targetName.database(), alias).qualified())
        .collect(Collectors.joining(", ")) + ".");
    return VerificationReport.newBuilder(report).setFindings(findings).build();
  }

  private void setLoadState(CollectionName source) {
    retrier.run("setting the load state of " + source.qualified(), source,
        () -> applyLoadPolicy(targets.target(source)));
  }

  private void applyLoadPolicy(CollectionName collection) {
    boolean loaded = target.catalog().isLoaded(collection);
    boolean load = JobSpecs.loadsTargetAtEnd(job);
    if (load && !loaded) {
      target.catalog().load(collection);
    } else if (!load && loaded) {
      target.catalog().release(collection);
    }
  }
}
