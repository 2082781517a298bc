package dev.milvusmigrate.lag;

import static dev.milvusmigrate.lag.Facts.cancel;
import static dev.milvusmigrate.lag.Facts.copied;
import static dev.milvusmigrate.lag.Facts.failed;
import static dev.milvusmigrate.lag.Facts.planned;
import static dev.milvusmigrate.lag.Facts.spec;
import static dev.milvusmigrate.lag.Facts.verificationFailed;
import static dev.milvusmigrate.lag.Facts.verified;
import static org.assertj.core.api.Assertions.assertThat;

import dev.milvusmigrate.schemas.avro.CaptureStarted;
import dev.milvusmigrate.schemas.avro.CollectionProgress;
import dev.milvusmigrate.schemas.avro.JobMode;
import dev.milvusmigrate.schemas.avro.JobSpec;
import dev.milvusmigrate.schemas.avro.JobStage;
import dev.milvusmigrate.schemas.avro.JobState;
import dev.milvusmigrate.schemas.avro.JobStatus;
import dev.milvusmigrate.schemas.avro.ProgressEvent;
import dev.milvusmigrate.schemas.avro.SinkProgress;
import org.junit.jupiter.api.Test;

class JobStatusFolderTest {

  private static final String JOB = "job-1";

  @Test
  void submittedJobIsInProgressInTheSnapshotStage() {
    JobStatus status = fold(JobStatusFolder.initial(JOB), new JobEvent.Submitted(spec(JOB, 100)));

    assertThat(status.getState()).isEqualTo(JobState.IN_PROGRESS);
    assertThat(status.getStage()).isEqualTo(JobStage.SNAPSHOT);
    assertThat(status.getStartedAt()).isEqualTo(100);
    assertThat(status.getUpdatedAt()).isEqualTo(100);
    assertThat(status.getEndedAt()).isNull();
  }

  @Test
  void planSetsTotalsAndCopiesSetRowsAndPercent() {
    JobStatus status = fold(submitted(), progress(planned(JOB, 110, 100, "c1", "c2")),
        progress(copied(JOB, 120, "c1", 50, false)));

    assertThat(status.getCollections()).extracting(CollectionProgress::getCollection, CollectionProgress::getRowsCopied,
        CollectionProgress::getRowsTotal).containsExactly(org.assertj.core.groups.Tuple.tuple("c1", 50L, 100L),
        org.assertj.core.groups.Tuple.tuple("c2", 0L, 100L));
    assertThat(status.getRowsCopied()).isEqualTo(50);
    assertThat(status.getRowsTotal()).isEqualTo(200);
    assertThat(status.getPercent()).isEqualTo(25.0);
    assertThat(status.getStage()).isEqualTo(JobStage.SNAPSHOT);
    assertThat(status.getUpdatedAt()).isEqualTo(120);
  }

  @Test
  void rowsCopiedIsCumulativeSoAnOlderReplayedCountChangesNothing() {
    JobStatus before = fold(submitted(), progress(planned(JOB, 110, 100, "c1")), progress(copied(JOB, 120, "c1", 80,
        false)));

    JobStatus after = JobStatusFolder.fold(before, progress(copied(JOB, 115, "c1", 40, false)));

    assertThat(after).isSameAs(before);
    assertThat(after.getRowsCopied()).isEqualTo(80);
  }

  @Test
  void completedSnapshotFixesTheTotalToTheRowsActuallyCopiedAndMovesToVerifying() {
    JobStatus status = fold(submitted(), progress(planned(JOB, 110, 100, "c1", "c2")),
        progress(copied(JOB, 120, "c1", 90, true)), progress(copied(JOB, 130, "c2", 100, true)));

    assertThat(status.getRowsTotal()).isEqualTo(190);
    assertThat(status.getPercent()).isEqualTo(100.0);
    assertThat(status.getStage()).isEqualTo(JobStage.VERIFYING);
    assertThat(status.getState()).isEqualTo(JobState.IN_PROGRESS);
  }

  @Test
  void everyPlannedCollectionVerifiedMakesTheJobSuccessful() {
    JobStatus status = fold(submitted(), progress(planned(JOB, 110, 10, "c1", "c2")),
        progress(copied(JOB, 120, "c1", 10, true)), progress(copied(JOB, 121, "c2", 10, true)),
        progress(verified(JOB, 130, "c1", 10)));
    assertThat(status.getState()).isEqualTo(JobState.IN_PROGRESS);

    JobStatus done = JobStatusFolder.fold(status, progress(verified(JOB, 140, "c2", 10)));

    assertThat(done.getState()).isEqualTo(JobState.SUCCESSFUL);
    assertThat(done.getStage()).isEqualTo(JobStage.DONE);
    assertThat(done.getEndedAt()).isEqualTo(140);
    assertThat(done.getPercent()).isEqualTo(100.0);
    assertThat(done.getCollections()).extracting(CollectionProgress::getState)
        .containsExactly(JobState.SUCCESSFUL, JobState.SUCCESSFUL);
  }

  @Test
  void aJobOverAnEmptyDatabaseIsSuccessfulOnceThePlanArrives() {
    JobStatus status = fold(submitted(), progress(planned(JOB, 110, 0)));

    assertThat(status.getState()).isEqualTo(JobState.SUCCESSFUL);
    assertThat(status.getEndedAt()).isEqualTo(110);
  }

  @Test
  void lateEventsAfterTheJobEndedChangeNothing() {
    JobStatus done = fold(submitted(), progress(planned(JOB, 110, 10, "c1")), progress(copied(JOB, 120, "c1", 10, true)),
        progress(verified(JOB, 130, "c1", 10)));

    assertThat(JobStatusFolder.fold(done, progress(copied(JOB, 150, "c1", 20, false)))).isSameAs(done);
    assertThat(JobStatusFolder.fold(done, progress(failed(JOB, 150, "late", null)))).isSameAs(done);
    assertThat(JobStatusFolder.fold(done, new JobEvent.Command(cancel(JOB, 150)))).isSameAs(done);
    assertThat(JobStatusFolder.fold(done, new JobEvent.Submitted(spec(JOB, 150)))).isSameAs(done);
  }

  @Test
  void jobFailedEndsTheJobWithItsReasonAndDetails() {
    JobStatus status = fold(submitted(), progress(planned(JOB, 110, 10, "c1", "c2")),
        progress(failed(JOB, 120, "Target collection db.c1 has a different schema: drop it or choose another target.",
            "field vec: dim 8 on source, 16 on target")));

    assertThat(status.getState()).isEqualTo(JobState.FAILED);
    assertThat(status.getReason())
        .isEqualTo("Target collection db.c1 has a different schema: drop it or choose another target.");
    assertThat(status.getErrorDetails()).isEqualTo("field vec: dim 8 on source, 16 on target");
    assertThat(status.getEndedAt()).isEqualTo(120);
    assertThat(status.getCollections()).extracting(CollectionProgress::getState)
        .containsExactly(JobState.FAILED, JobState.IN_PROGRESS);
  }

  @Test
  void failedVerificationEndsTheJobOnceEveryCollectionIsVerifiedNamingWhatToReMigrate() {
    JobStatus status = fold(submitted(), progress(planned(JOB, 110, 10, "c1", "c2", "c3")),
        progress(verificationFailed(JOB, 130, "c1", 10, 3)), progress(verified(JOB, 131, "c2", 10)));
    assertThat(status.getState()).isEqualTo(JobState.IN_PROGRESS);
    assertThat(status.getErrorDetails()).isEqualTo("Verification failed for db.c1 (3 missing in target).");

    JobStatus ended = JobStatusFolder.fold(status, progress(verificationFailed(JOB, 140, "c3", 10, 1)));

    assertThat(ended.getState()).isEqualTo(JobState.FAILED);
    assertThat(ended.getReason()).isEqualTo("Verification failed for db.c1 (3 missing in target), db.c3 (1 missing"
        + " in target): drop them on the target and re-migrate with milvus-migrate offline --database db"
        + " --collections c1,c3.");
    assertThat(ended.getEndedAt()).isEqualTo(140);
    assertThat(ended.getCollections()).extracting(CollectionProgress::getState)
        .containsExactly(JobState.FAILED, JobState.SUCCESSFUL, JobState.FAILED);
  }

  @Test
  void cancelEndsTheJobNamingWhoCanceled() {
    JobStatus status = fold(submitted(), progress(planned(JOB, 110, 10, "c1")), new JobEvent.Command(cancel(JOB, 125)));

    assertThat(status.getState()).isEqualTo(JobState.CANCELED);
    assertThat(status.getReason()).isEqualTo("Canceled by alice.");
    assertThat(status.getEndedAt()).isEqualTo(125);
  }

  @Test
  void progressBeforeTheSubmissionIsKeptAndTheSubmissionSetsTheStart() {
    JobStatus status = fold(JobStatusFolder.initial(JOB), progress(planned(JOB, 110, 10, "c1")),
        new JobEvent.Submitted(spec(JOB, 100)));

    assertThat(status.getState()).isEqualTo(JobState.IN_PROGRESS);
    assertThat(status.getRowsTotal()).isEqualTo(10);
    assertThat(status.getStartedAt()).isEqualTo(100);
    assertThat(status.getUpdatedAt()).isEqualTo(110);
  }

  @Test
  void aZeroDowntimeJobSyncsOnceEverySnapshotIsCopiedAndStaysInProgress() {
    JobStatus status = fold(JobStatusFolder.initial(JOB), new JobEvent.Submitted(zeroDowntime()),
        progress(planned(JOB, 110, 10, "c1", "c2")), progress(copied(JOB, 120, "c1", 10, true)));
    assertThat(status.getStage()).isEqualTo(JobStage.SNAPSHOT);

    JobStatus syncing = JobStatusFolder.fold(status, progress(copied(JOB, 130, "c2", 12, true)));

    assertThat(syncing.getStage()).isEqualTo(JobStage.SYNCING);
    assertThat(syncing.getState()).isEqualTo(JobState.IN_PROGRESS);
    assertThat(syncing.getRowsCopied()).isEqualTo(22);
  }

  @Test
  void aZeroDowntimeJobOverAnEmptySourceSyncsInsteadOfEnding() {
    JobStatus status = fold(JobStatusFolder.initial(JOB), new JobEvent.Submitted(zeroDowntime()),
        progress(planned(JOB, 110, 0)));

    assertThat(status.getState()).isEqualTo(JobState.IN_PROGRESS);
    assertThat(status.getStage()).isEqualTo(JobStage.SYNCING);
  }

  @Test
  void sinkWatermarksAndCaptureStartLeaveTheStatusAsItIs() {
    JobStatus before = fold(submitted(), progress(planned(JOB, 110, 10, "c1")));

    JobStatus after = fold(before,
        progress(new ProgressEvent(new SinkProgress(JOB, 0, 5L << 18, 3L, "sink", 150L, null, null))),
        progress(new ProgressEvent(new CaptureStarted(JOB, "capture", 16, 160L, null))));

    assertThat(after).isSameAs(before);
  }

  private static JobSpec zeroDowntime() {
    JobSpec spec = spec(JOB, 100);
    spec.setMode(JobMode.ZERO_DOWNTIME);
    spec.setDatabase(null);
    return spec;
  }

  private static JobStatus submitted() {
    return JobStatusFolder.fold(JobStatusFolder.initial(JOB), new JobEvent.Submitted(spec(JOB, 100)));
  }

  private static JobEvent progress(ProgressEvent event) {
    return JobEvent.progress(JOB, event);
  }

  private static JobStatus fold(JobStatus start, JobEvent... events) {
    JobStatus status = start;
    for (JobEvent event : events) {
      status = JobStatusFolder.fold(status, event);
    }
    return status;
  }
}
