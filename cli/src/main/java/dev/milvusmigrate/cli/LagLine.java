package dev.milvusmigrate.cli;

import dev.milvusmigrate.schemas.avro.JobStatus;
import dev.milvusmigrate.schemas.avro.LagReport;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** One line of Lag Behind Source: job, lag, stage, and when it was computed. */
final class LagLine {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT)
      .withZone(ZoneId.systemDefault());

  private LagLine() {}

  static String of(LagReport report, JobStatus status) {
    String stage = status == null ? "?" : status.getState() + "/" + status.getStage();
    return String.format(Locale.ROOT, "%s  %s  Lag Behind Source %.1f s%s  (%s)", TIME.format(
        Instant.ofEpochMilli(report.getComputedAt())), report.getJobId(), report.getLagMs() / 1000.0,
        report.getStale() ? " and growing: capture is not reporting" : "", stage);
  }
}
