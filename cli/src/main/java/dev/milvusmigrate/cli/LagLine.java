package dev.milvusmigrate.cli;

import dev.milvusmigrate.schemas.avro.JobStatus;
import dev.milvusmigrate.schemas.avro.LagReport;
import dev.milvusmigrate.schemas.avro.Notification;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The lines of {@code lag --follow}: Lag Behind Source (job, lag, stage, when it was computed, and
 * the job's warnings about services it lacks, which say why the lag grows) and notifications.
 */
public final class LagLine {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT)
      .withZone(ZoneId.systemDefault());

  private LagLine() {}

  public static String of(LagReport report, JobStatus status) {
    String stage = status == null ? "?" : status.getState() + "/" + status.getStage();
    String warnings = status == null ? "" : status.getServiceWarnings().stream()
        .map(warning -> "  Warning: " + warning.getMessage()).collect(Collectors.joining());
    return String.format(Locale.ROOT, "%s  %s  Lag Behind Source %.1f s%s  (%s)%s", TIME.format(
        Instant.ofEpochMilli(report.getComputedAt())), report.getJobId(), report.getLagMs() / 1000.0,
        report.getStale() ? " and growing: capture is not reporting" : "", stage, warnings);
  }

  public static String of(Notification notification) {
    return notification.getKind() + ": " + notification.getMessage();
  }
}
