package dev.milvusmigrate.lag;

import dev.milvusmigrate.schemas.avro.CollectionCopied;
import dev.milvusmigrate.schemas.avro.CollectionPlan;
import dev.milvusmigrate.schemas.avro.CommandType;
import dev.milvusmigrate.schemas.avro.ControlCommand;
import dev.milvusmigrate.schemas.avro.JobFailed;
import dev.milvusmigrate.schemas.avro.JobMode;
import dev.milvusmigrate.schemas.avro.JobPlanned;
import dev.milvusmigrate.schemas.avro.JobSpec;
import dev.milvusmigrate.schemas.avro.ProgressEvent;
import dev.milvusmigrate.schemas.avro.VerificationReport;
import java.util.Arrays;
import java.util.List;

/** Contract records the services publish about a job, for tests. Times are small fixed numbers. */
final class Facts {

  static final String DB = "db";

  private Facts() {}

  static JobSpec spec(String job, long at) {
    return JobSpec.newBuilder().setJobId(job).setMode(JobMode.OFFLINE).setDatabase(DB).setCollections(List.of())
        .setSourceLabel("http://source:19530").setTargetLabel("http://target:19530").setSubmittedAt(at).build();
  }

  /** A plan of the given collections of {@link #DB}, with {@code rows} estimated rows each. */
  static ProgressEvent planned(String job, long at, long rows, String... collections) {
    List<CollectionPlan> plans = Arrays.stream(collections).map(c -> CollectionPlan.newBuilder().setDatabase(DB)
        .setCollection(c).setTargetDatabase(DB).setRowsEstimated(rows).build()).toList();
    return new ProgressEvent(JobPlanned.newBuilder().setJobId(job).setSnapshotTs(1L << 18).setCollections(plans)
        .setAt(at).build());
  }

  static ProgressEvent copied(String job, long at, String collection, long rows, boolean complete) {
    return new ProgressEvent(CollectionCopied.newBuilder().setJobId(job).setDatabase(DB).setCollection(collection)
        .setRowsCopied(rows).setSnapshotComplete(complete).setAt(at).build());
  }

  static ProgressEvent verified(String job, long at, String collection, long rows) {
    return new ProgressEvent(report(job, at, collection, rows, 0));
  }

  static ProgressEvent verificationFailed(String job, long at, String collection, long rows, long missing) {
    return new ProgressEvent(report(job, at, collection, rows, missing));
  }

  static VerificationReport report(String job, long at, String collection, long rows, long missing) {
    return VerificationReport.newBuilder().setJobId(job).setDatabase(DB).setCollection(collection)
        .setTargetDatabase(DB).setPassed(missing == 0).setSourceCount(rows).setTargetCount(rows - missing)
        .setSourceDistinctKeys(rows).setTargetDistinctKeys(rows - missing).setMissingInTarget(missing)
        .setUnexpectedInTarget(0).setSampled(10).setMismatched(0).setAt(at).build();
  }

  static ProgressEvent failed(String job, long at, String reason, String details) {
    return new ProgressEvent(JobFailed.newBuilder().setJobId(job).setComponent("sink-writer").setDatabase(DB)
        .setCollection("c1").setReason(reason).setDetails(details).setAt(at).build());
  }

  static ControlCommand cancel(String job, long at) {
    return ControlCommand.newBuilder().setCommandId("cmd-" + job).setJobId(job).setType(CommandType.CANCEL)
        .setRequestedBy("alice").setIssuedAt(at).build();
  }

  static ControlCommand stopSync(String job, long at, boolean confirmed) {
    return ControlCommand.newBuilder().setCommandId("stop-" + job + "-" + at).setJobId(job)
        .setType(CommandType.STOP_SYNC).setWritesStoppedConfirmed(confirmed).setRequestedBy("alice").setIssuedAt(at)
        .build();
  }

  static JobSpec zeroDowntime(String job, long at) {
    JobSpec spec = spec(job, at);
    spec.setMode(JobMode.ZERO_DOWNTIME);
    spec.setDatabase(null);
    return spec;
  }
}
