package dev.milvusmigrate.demo;

import dev.milvusmigrate.cli.LagLine;
import dev.milvusmigrate.kafka.LagFeed;
import dev.milvusmigrate.schemas.JobStates;
import dev.milvusmigrate.schemas.avro.JobStatus;
import dev.milvusmigrate.schemas.avro.LagReport;
import dev.milvusmigrate.schemas.avro.Notification;
import dev.milvusmigrate.schemas.avro.NotificationKind;
import java.time.Duration;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Prints the job's Lag Behind Source every {@value #PRINT_EVERY_MS} ms while it syncs (the
 * lag-monitor reports it several times a second), until the below-threshold notification, the end
 * of the job, or a time limit.
 */
final class LagWatch {

  private static final long PRINT_EVERY_MS = 2000;

  private final Narration narration;
  private final String job;
  private final long since;
  private JobStatus status;
  private Notification caughtUp;
  private long lastPrinted;

  /** Reports computed before {@code sinceMillis} (during the snapshot) are not printed. */
  LagWatch(Narration narration, JobStatus syncing, long sinceMillis) {
    this.narration = narration;
    this.job = syncing.getJobId();
    this.status = syncing;
    this.since = sinceMillis;
  }

  /** The LAG_BELOW_THRESHOLD notification, or empty when the job ended or {@code limit} passed first. */
  Optional<Notification> await(LagFeed feed, Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    feed.follow(job::equals, this::on, () -> caughtUp != null || JobStates.isFinal(status.getState())
        || System.nanoTime() > deadline);
    return Optional.ofNullable(caughtUp);
  }

  /** The newest status of the job seen. */
  JobStatus status() {
    return status;
  }

  private void on(SpecificRecordBase value) {
    if (value instanceof JobStatus newer) {
      status = newer;
    } else if (value instanceof LagReport report && report.getComputedAt() >= since
        && report.getComputedAt() - lastPrinted >= PRINT_EVERY_MS) {
      lastPrinted = report.getComputedAt();
      narration.say("%s", LagLine.of(report, status));
    } else if (value instanceof Notification notification
        && notification.getKind() == NotificationKind.LAG_BELOW_THRESHOLD) {
      caughtUp = notification;
      narration.say("%s", LagLine.of(notification));
    }
  }
}
