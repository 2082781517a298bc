package dev.milvusmigrate.schemas;

import dev.milvusmigrate.schemas.avro.AutoIdKeys;
import dev.milvusmigrate.schemas.avro.IndexPolicy;
import dev.milvusmigrate.schemas.avro.JobMode;
import dev.milvusmigrate.schemas.avro.JobSpec;
import java.util.List;

/**
 * The jobs a user submits, built one way for every submitter (the CLI, the console). Servers are
 * named by their labels (address only, never credentials): the services hold the credentials.
 */
public final class JobSpecs {

  private JobSpecs() {}

  /**
   * Copies {@code collections} of {@code database} (all when empty) into {@code targetDatabase} (the
   * same when null), the keys of auto-id collections kept or generated anew ({@code autoIdKeys}).
   */
  public static JobSpec offline(String jobId, String database, List<String> collections, String targetDatabase,
      boolean loadAtEnd, IndexPolicy indexPolicy, AutoIdKeys autoIdKeys, String sourceLabel, String targetLabel) {
    return JobSpec.newBuilder().setJobId(jobId).setMode(JobMode.OFFLINE).setDatabase(database)
        .setCollections(collections).setTargetDatabase(targetDatabase).setLoadAtEnd(loadAtEnd)
        .setIndexPolicy(indexPolicy).setAutoIdKeys(autoIdKeys).setSourceLabel(sourceLabel).setTargetLabel(targetLabel)
        .setSubmittedAt(System.currentTimeMillis()).build();
  }

  /**
   * Whether the job leaves its collections loaded on the target: when asked, and always for a job
   * captured through a capture-proxy, which may cut the applications over to the target, whose
   * collections must then answer their reads at once.
   */
  public static boolean loadsTargetAtEnd(JobSpec job) {
    return job.getLoadAtEnd() || job.getCaptureProxy() != null;
  }

  /** Copies every database of the source, then syncs its changes until stop-sync. */
  public static JobSpec zeroDowntime(String jobId, IndexPolicy indexPolicy, String sourceLabel, String targetLabel) {
    return JobSpec.newBuilder().setJobId(jobId).setMode(JobMode.ZERO_DOWNTIME).setDatabase(null)
        .setCollections(List.of()).setIndexPolicy(indexPolicy).setSourceLabel(sourceLabel)
        .setTargetLabel(targetLabel).setSubmittedAt(System.currentTimeMillis()).build();
  }
}
