package dev.milvusmigrate.lag;

import dev.milvusmigrate.schemas.JobStates;
import dev.milvusmigrate.schemas.avro.CollectionCopied;
import dev.milvusmigrate.schemas.avro.CollectionPlan;
import dev.milvusmigrate.schemas.avro.CollectionProgress;
import dev.milvusmigrate.schemas.avro.CommandType;
import dev.milvusmigrate.schemas.avro.JobFailed;
import dev.milvusmigrate.schemas.avro.JobMode;
import dev.milvusmigrate.schemas.avro.JobPlanned;
import dev.milvusmigrate.schemas.avro.JobStage;
import dev.milvusmigrate.schemas.avro.JobState;
import dev.milvusmigrate.schemas.avro.JobStatus;
import dev.milvusmigrate.schemas.avro.VerificationReport;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Folds the facts about one job into its status: (current status, event) to next status, with
 * no I/O and no clock, so it is tested without Kafka. Every step is idempotent (rows copied are
 * cumulative and taken as a maximum), and a final state (SUCCESSFUL, FAILED, CANCELED) never
 * changes again, so replayed or late events are harmless. When nothing changes the very same
 * instance is returned, which lets callers skip publishing it.
 *
 * <p>Progress the status does not show (sink watermarks, capture start) leaves it unchanged. The
 * warnings about missing services are what the last check found ({@link ServiceLiveness}), cleared
 * when the job ends.
 *
 * <p>A failed verification marks its collection FAILED and the job goes on until every planned
 * collection has a report, so the reason names every collection to re-migrate at once.
 */
public final class JobStatusFolder {

  private JobStatusFolder() {}

  /** The status of a job nothing is known about yet. */
  public static JobStatus initial(String jobId) {
    return JobStatus.newBuilder().setJobId(jobId).setMode(JobMode.OFFLINE).setState(JobState.PENDING)
        .setStage(JobStage.PREPARE).setStartedAt(0L).setUpdatedAt(0L).build();
  }

  public static JobStatus fold(JobStatus current, JobEvent event) {
    if (JobStates.isFinal(current.getState())) {
      return current;
    }
    JobStatus next = apply(JobStatus.newBuilder(current).build(), event);
    if (JobStates.isFinal(next.getState())) {
      next.setServiceWarnings(List.of());
    }
    if (next.equals(current)) {
      return current;
    }
    next.setUpdatedAt(Math.max(current.getUpdatedAt(), event.at()));
    return next;
  }

  private static JobStatus apply(JobStatus status, JobEvent event) {
    if (event instanceof JobEvent.Submitted submitted) {
      status.setMode(submitted.spec().getMode());
      status.setStartedAt(submitted.spec().getSubmittedAt());
      status.setSourceLabel(submitted.spec().getSourceLabel());
      status.setTargetLabel(submitted.spec().getTargetLabel());
      return running(status);
    } else if (event instanceof JobEvent.Command command) {
      return command(status, command);
    } else if (event instanceof JobEvent.DeadlinePassed deadline) {
      return expired(status, deadline);
    } else if (event instanceof JobEvent.ServicesChecked checked) {
      status.setServiceWarnings(checked.warnings());
      return status;
    }
    Object payload = ((JobEvent.Progress) event).event().getPayload();
    if (payload instanceof JobPlanned planned) {
      return planned(status, planned);
    } else if (payload instanceof CollectionCopied copied) {
      return copied(status, copied);
    } else if (payload instanceof VerificationReport report) {
      return verified(status, report);
    } else if (payload instanceof JobFailed failed) {
      return failed(status, failed);
    }
    return status;
  }

  /** Commands that {@link CommandCheck} rejects change nothing; an accepted STOP_SYNC moves to STOPPING. */
  private static JobStatus command(JobStatus status, JobEvent.Command command) {
    if (CommandCheck.rejection(status, command.command()).isPresent()) {
      return status;
    }
    if (command.command().getType() == CommandType.CANCEL) {
      return canceled(status, command);
    }
    if (command.command().getType() == CommandType.STOP_SYNC && status.getStage() != JobStage.STOPPING) {
      status.setStage(JobStage.STOPPING);
      // Only the verification after the fence counts: the source kept changing before it.
      status.getCollections().forEach(collection -> collection.setState(JobState.IN_PROGRESS));
      status.setErrorDetails(null);
    }
    return status;
  }

  private static JobStatus expired(JobStatus status, JobEvent.DeadlinePassed deadline) {
    if (status.getMode() != JobMode.ZERO_DOWNTIME || status.getStage() == JobStage.STOPPING) {
      return status;
    }
    status.setState(JobState.FAILED);
    status.setReason("The sync was not stopped within its maximum duration of " + deadline.maxDuration()
        + ", so the job ended and every service stopped its work; the target keeps what was applied. Start a new"
        + " job to sync again, and run stop-sync once the target has caught up.");
    status.setEndedAt(deadline.at());
    return status;
  }

  private static JobStatus running(JobStatus status) {
    status.setState(JobState.IN_PROGRESS);
    status.setStage(later(status.getStage(), JobStage.SNAPSHOT));
    return status;
  }

  private static JobStatus planned(JobStatus status, JobPlanned planned) {
    for (CollectionPlan plan : planned.getCollections()) {
      CollectionProgress progress = collection(status, plan.getDatabase(), plan.getCollection());
      progress.setRowsTotal(Math.max(plan.getRowsEstimated(), progress.getRowsCopied()));
    }
    if (planned.getCollections().isEmpty() && status.getCollections().isEmpty()) {
      return status.getMode() == JobMode.ZERO_DOWNTIME ? syncing(running(status)) : successful(status, planned.getAt());
    }
    return totals(running(status));
  }

  private static JobStatus copied(JobStatus status, CollectionCopied copied) {
    CollectionProgress progress = collection(status, copied.getDatabase(), copied.getCollection());
    progress.setRowsCopied(Math.max(progress.getRowsCopied(), copied.getRowsCopied()));
    progress.setRowsTotal(copied.getSnapshotComplete() ? progress.getRowsCopied()
        : Math.max(progress.getRowsTotal(), progress.getRowsCopied()));
    return totals(running(status));
  }

  private static JobStatus verified(JobStatus status, VerificationReport report) {
    CollectionProgress progress = collection(status, report.getDatabase(), report.getCollection());
    if (JobStates.isFinal(progress.getState())) {
      return status;
    }
    progress.setState(report.getPassed() ? JobState.SUCCESSFUL : JobState.FAILED);
    if (!report.getPassed()) {
      status.setErrorDetails(appendLine(status.getErrorDetails(),
          "Verification failed for " + VerificationSummary.failedCollection(report) + "."));
    }
    totals(running(status));
    if (status.getCollections().stream().anyMatch(c -> !JobStates.isFinal(c.getState()))
        || (status.getMode() == JobMode.ZERO_DOWNTIME && status.getStage() != JobStage.STOPPING)) {
      return status;
    }
    return failedCollections(status).isEmpty() ? successful(status, report.getAt())
        : verificationFailed(status, report);
  }

  private static JobStatus verificationFailed(JobStatus status, VerificationReport last) {
    List<CollectionProgress> failed = failedCollections(status);
    String summaries = Arrays.stream(status.getErrorDetails().split("\n"))
        .map(line -> line.substring("Verification failed for ".length(), line.length() - 1))
        .collect(Collectors.joining(", "));
    String names = failed.stream().map(CollectionProgress::getCollection).collect(Collectors.joining(","));
    status.setState(JobState.FAILED);
    status.setReason("Verification failed for " + summaries + ": drop " + (failed.size() == 1 ? "it" : "them")
        + " on the target and re-migrate with milvus-migrate offline --database " + failed.get(0).getDatabase()
        + " --collections " + names + ".");
    status.setEndedAt(last.getAt());
    return status;
  }

  private static List<CollectionProgress> failedCollections(JobStatus status) {
    return status.getCollections().stream().filter(c -> c.getState() == JobState.FAILED).toList();
  }

  private static JobStatus failed(JobStatus status, JobFailed failed) {
    if (failed.getDatabase() != null && failed.getCollection() != null) {
      collection(status, failed.getDatabase(), failed.getCollection()).setState(JobState.FAILED);
    }
    status.setState(JobState.FAILED);
    status.setReason(failed.getReason());
    status.setErrorDetails(failed.getDetails());
    status.setEndedAt(failed.getAt());
    return totals(status);
  }

  private static JobStatus canceled(JobStatus status, JobEvent.Command command) {
    String by = command.command().getRequestedBy();
    status.setState(JobState.CANCELED);
    status.setReason("Canceled by " + (by == null || by.isBlank() ? "an operator" : by) + ".");
    status.setEndedAt(command.at());
    return status;
  }

  private static JobStatus successful(JobStatus status, long at) {
    status.setState(JobState.SUCCESSFUL);
    status.setStage(JobStage.DONE);
    status.setEndedAt(at);
    totals(status);
    status.setPercent(100.0);
    return status;
  }

  private static JobStatus syncing(JobStatus status) {
    status.setStage(later(status.getStage(), JobStage.SYNCING));
    return status;
  }

  /**
   * Sums the collections and, once every collection is copied, moves an offline job to VERIFYING
   * and a zero-downtime job to SYNCING (it is verified when the sync is stopped).
   */
  private static JobStatus totals(JobStatus status) {
    long copied = status.getCollections().stream().mapToLong(CollectionProgress::getRowsCopied).sum();
    long total = status.getCollections().stream().mapToLong(CollectionProgress::getRowsTotal).sum();
    status.setRowsCopied(copied);
    status.setRowsTotal(total);
    status.setPercent(total == 0 ? 0.0 : Math.min(100.0, copied * 100.0 / total));
    boolean allCopied = !status.getCollections().isEmpty()
        && status.getCollections().stream().allMatch(c -> c.getRowsCopied() >= c.getRowsTotal());
    if (allCopied && status.getState() == JobState.IN_PROGRESS) {
      status.setStage(later(status.getStage(),
          status.getMode() == JobMode.ZERO_DOWNTIME ? JobStage.SYNCING : JobStage.VERIFYING));
    }
    return status;
  }

  /** The job's progress entry of a collection, added (not yet copied) if the job had none. */
  private static CollectionProgress collection(JobStatus status, String database, String collection) {
    for (CollectionProgress progress : status.getCollections()) {
      if (progress.getDatabase().equals(database) && progress.getCollection().equals(collection)) {
        return progress;
      }
    }
    CollectionProgress added = CollectionProgress.newBuilder().setDatabase(database).setCollection(collection)
        .setState(JobState.IN_PROGRESS).build();
    List<CollectionProgress> collections = new ArrayList<>(status.getCollections());
    collections.add(added);
    status.setCollections(collections);
    return added;
  }

  private static JobStage later(JobStage current, JobStage candidate) {
    return candidate.ordinal() > current.ordinal() ? candidate : current;
  }

  private static String appendLine(String text, String line) {
    if (text == null || text.isEmpty()) {
      return line;
    }
    return Arrays.asList(text.split("\n")).contains(line) ? text : text + "\n" + line;
  }
}
