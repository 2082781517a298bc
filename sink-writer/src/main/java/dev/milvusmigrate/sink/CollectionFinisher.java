package dev.milvusmigrate.sink;

import dev.milvusmigrate.milvus.MilvusSession;
import dev.milvusmigrate.runtime.LogContext;
import dev.milvusmigrate.schemas.avro.JobMode;
import dev.milvusmigrate.schemas.avro.JobSpec;
import dev.milvusmigrate.schemas.avro.VerificationReport;
import java.security.SecureRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of a collection's copy: flush it on the target (offline jobs), verify it against the
 * source, report the rows and the verification, and set the load state the job asks for. An
 * offline job finishes each collection at its SNAPSHOT_END; a zero-downtime job every collection
 * once the stop-sync fence was drained, without the flush: verification reads with strong
 * consistency, which sees unflushed writes, and the flush would add seconds to the cutover.
 */
final class CollectionFinisher {

  private static final Logger log = LoggerFactory.getLogger(CollectionFinisher.class);

  private final JobSpec job;
  private final MilvusSession target;
  private final CollectionVerifier verifier;
  private final TargetRetrier retrier;
  private final ProgressPublisher progress;
  private final JobTargets targets;
  private final SinkMetrics metrics;

  CollectionFinisher(JobSpec job, SinkContext context, TargetRetrier retrier, ProgressPublisher progress,
      JobTargets targets, SinkMetrics metrics, CollectionVerifier.Shortcut shortcut) {
    this.job = job;
    this.target = context.target();
    this.verifier = new CollectionVerifier(context.source(), context.target(), context.sampleSize(),
        new SecureRandom(), shortcut);
    this.retrier = retrier;
    this.progress = progress;
    this.targets = targets;
    this.metrics = metrics;
  }

  /** @param rowsRead rows the snapshot read, or null to report the target's distinct keys */
  void finish(String database, String collection, Long rowsRead) {
    try (var context = LogContext.collection(database, collection)) {
      finishCollection(database, collection, rowsRead);
    }
  }

  private void finishCollection(String database, String collection, Long rowsRead) {
    String targetDb = targets.database(database);
    String name = JobTargets.name(database, collection);
    long started = System.nanoTime();
    if (job.getMode() == JobMode.OFFLINE) {
      retrier.run("flushing " + name + " on the target", database, collection,
          () -> target.catalog().flush(targetDb, collection));
    }
    long flushed = System.nanoTime();
    VerificationReport report = retrier.call("verifying " + name, database, collection,
        () -> verifier.verify(job.getJobId(), database, targetDb, collection), () -> { });
    long verified = System.nanoTime();
    progress.collectionCopied(database, collection, rowsRead != null ? rowsRead : report.getTargetDistinctKeys(),
        true);
    progress.verified(report);
    metrics.verified(report.getPassed());
    retrier.run("setting the load state of " + name, database, collection, () -> applyLoadPolicy(targetDb,
        collection));
    log.info("Collection {} copied and verified: passed={} (flush {} ms, verification {} ms)", name,
        report.getPassed(), (flushed - started) / 1_000_000, (verified - flushed) / 1_000_000);
  }

  private void applyLoadPolicy(String database, String collection) {
    boolean loaded = target.catalog().isLoaded(database, collection);
    if (job.getLoadAtEnd() && !loaded) {
      target.catalog().load(database, collection);
    } else if (!job.getLoadAtEnd() && loaded) {
      target.catalog().release(database, collection);
    }
  }
}
