package dev.milvusmigrate.cli;

import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.schemas.avro.CollectionProgress;
import dev.milvusmigrate.schemas.avro.JobStatus;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Job statuses as text: a table with a line per job, or the details of one job. A running job's
 * warnings about services it lacks stand where an ended job's reason does.
 */
final class StatusRenderer {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private StatusRenderer() {}

  static String table(Collection<JobStatus> statuses) {
    TextTable table = new TextTable(List.of("JOB", "STATE", "STAGE", "PERCENT", "ROWS COPIED/TOTAL", "REASON"), 3, 4);
    statuses.forEach(status -> table.row(status.getJobId(), status.getState(), status.getStage(),
        String.format(Locale.ROOT, "%.1f%%", status.getPercent()), status.getRowsCopied() + "/" + status.getRowsTotal(),
        status.getReason() != null ? status.getReason() : warnings(status)));
    return table.render();
  }

  static String details(JobStatus status) {
    StringBuilder text = new StringBuilder();
    text.append("Job:        ").append(status.getJobId()).append(" (").append(status.getMode()).append(")\n");
    text.append("State:      ").append(status.getState()).append(", stage ").append(status.getStage()).append('\n');
    text.append(String.format(Locale.ROOT, "Progress:   %.1f%% (%d of %d rows)%n", status.getPercent(),
        status.getRowsCopied(), status.getRowsTotal()));
    text.append("Started:    ").append(time(status.getStartedAt())).append('\n');
    if (status.getEndedAt() != null) {
      text.append("Ended:      ").append(time(status.getEndedAt())).append('\n');
    }
    if (status.getReason() != null) {
      text.append("Reason:     ").append(status.getReason()).append('\n');
    }
    status.getServiceWarnings().forEach(warning ->
        text.append("Warning:    ").append(warning.getMessage()).append('\n'));
    if (status.getErrorDetails() != null) {
      text.append("Error log:\n  ").append(status.getErrorDetails().replace("\n", "\n  ")).append('\n');
    }
    if (!status.getCollections().isEmpty()) {
      text.append("Collections:\n");
      for (CollectionProgress c : status.getCollections()) {
        text.append(String.format(Locale.ROOT, "  %-40s %-11s %d/%d rows%n",
            new CollectionName(c.getDatabase(), c.getCollection()), c.getState(), c.getRowsCopied(), c.getRowsTotal()));
      }
    }
    return text.toString();
  }

  private static String warnings(JobStatus status) {
    return status.getServiceWarnings().stream().map(warning -> "Warning: " + warning.getMessage())
        .collect(Collectors.joining(" "));
  }

  private static String time(long epochMillis) {
    return epochMillis == 0 ? "-" : TIME.format(Instant.ofEpochMilli(epochMillis));
  }
}
