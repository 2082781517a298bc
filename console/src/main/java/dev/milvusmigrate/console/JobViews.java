package dev.milvusmigrate.console;

import dev.milvusmigrate.schemas.avro.CollectionProgress;
import dev.milvusmigrate.schemas.avro.JobState;
import dev.milvusmigrate.schemas.avro.JobStatus;
import dev.milvusmigrate.schemas.avro.LagReport;
import dev.milvusmigrate.schemas.avro.Notification;
import dev.milvusmigrate.schemas.avro.ServiceWarning;
import dev.milvusmigrate.schemas.avro.VerificationReport;
import java.time.Instant;
import java.util.List;

/** What the API returns for a job, built from the records on the topics; times are ISO-8601 UTC. */
final class JobViews {

  private JobViews() {}

  /**
   * One job: its status, its latest lag and notification, and (on the job's own page) its
   * verification and, for a job captured by a capture-proxy, which server the proxy serves.
   */
  record JobView(String jobId, String mode, String source, String target, String state, String stage,
      double percent, long rowsCopied, long rowsTotal, List<CollectionView> collections, String startedAt,
      String endedAt, String reason, List<String> warnings, LagView lag, NotificationView notification,
      List<VerificationView> verification, String proxy) {}

  record CollectionView(String database, String collection, String state, long rowsCopied, long rowsTotal,
      double percent) {}

  record LagView(String jobId, long lagMs, boolean stale, String computedAt) {}

  record NotificationView(String jobId, String kind, String message, Long lagMs, Long thresholdMs, String at) {}

  record VerificationView(String database, String collection, String targetDatabase, boolean passed,
      long sourceCount, long targetCount, long missingInTarget, long unexpectedInTarget, int sampled,
      int mismatched, String method, List<String> findings) {}

  static JobView job(JobStatus status, LagReport lag, Notification notification, List<VerificationReport> reports,
      String proxy) {
    return new JobView(status.getJobId(), status.getMode().name(), status.getSourceLabel(), status.getTargetLabel(),
        status.getState().name(), status.getStage().name(), status.getPercent(), status.getRowsCopied(),
        status.getRowsTotal(), status.getCollections().stream().map(JobViews::collection).toList(),
        time(status.getStartedAt()), status.getEndedAt() == null ? null : time(status.getEndedAt()),
        status.getReason(), status.getServiceWarnings().stream().map(ServiceWarning::getMessage).toList(),
        lag == null ? null : lag(lag), notification == null ? null : notification(notification),
        reports == null ? null : reports.stream().map(JobViews::verification).toList(), proxy);
  }

  static LagView lag(LagReport report) {
    return new LagView(report.getJobId(), report.getLagMs(), report.getStale(), time(report.getComputedAt()));
  }

  static NotificationView notification(Notification n) {
    return new NotificationView(n.getJobId(), n.getKind().name(), n.getMessage(), n.getLagMs(), n.getThresholdMs(),
        time(n.getAt()));
  }

  private static CollectionView collection(CollectionProgress c) {
    double percent = c.getRowsTotal() == 0 ? (c.getState() == JobState.SUCCESSFUL ? 100 : 0)
        : Math.min(100.0, 100.0 * c.getRowsCopied() / c.getRowsTotal());
    return new CollectionView(c.getDatabase(), c.getCollection(), c.getState().name(), c.getRowsCopied(),
        c.getRowsTotal(), percent);
  }

  private static VerificationView verification(VerificationReport r) {
    return new VerificationView(r.getDatabase(), r.getCollection(), r.getTargetDatabase(), r.getPassed(),
        r.getSourceCount(), r.getTargetCount(), r.getMissingInTarget(), r.getUnexpectedInTarget(), r.getSampled(),
        r.getMismatched(), r.getMethod().name(), List.copyOf(r.getFindings()));
  }

  private static String time(long epochMillis) {
    return epochMillis == 0 ? null : Instant.ofEpochMilli(epochMillis).toString();
  }
}
