package dev.milvusmigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.milvusmigrate.schemas.avro.CollectionProgress;
import dev.milvusmigrate.schemas.avro.JobMode;
import dev.milvusmigrate.schemas.avro.JobStage;
import dev.milvusmigrate.schemas.avro.JobState;
import dev.milvusmigrate.schemas.avro.JobStatus;
import dev.milvusmigrate.schemas.avro.LagReport;
import dev.milvusmigrate.schemas.avro.ServiceWarning;
import dev.milvusmigrate.schemas.avro.VerificationMethod;
import dev.milvusmigrate.schemas.avro.VerificationReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RenderingTest {

  private static final ServiceWarning NO_SINK = new ServiceWarning("sink-writer", null, 0L, "No sink-writer has"
      + " taken this job for 30 s: is one running with access to Kafka at kafka:9092, the source http://s:19530"
      + " and the target http://t:19530?");

  static JobStatus status(String job, JobState state, String reason) {
    return JobStatus.newBuilder().setJobId(job).setMode(JobMode.OFFLINE).setState(state).setStage(JobStage.SNAPSHOT)
        .setRowsCopied(250).setRowsTotal(1000).setPercent(25.0).setReason(reason).setStartedAt(0L)
        .setUpdatedAt(0L).setCollections(List.of(CollectionProgress.newBuilder().setDatabase("db")
            .setCollection("c1").setRowsCopied(250).setRowsTotal(1000).setState(JobState.IN_PROGRESS).build()))
        .build();
  }

  static VerificationReport report(String collection, long missing, List<String> findings) {
    return VerificationReport.newBuilder().setDatabase("db").setCollection(collection).setTargetDatabase("db2")
        .setPassed(missing == 0).setSourceCount(10).setTargetCount(10 - missing).setSourceDistinctKeys(10)
        .setTargetDistinctKeys(10 - missing).setMissingInTarget(missing).setUnexpectedInTarget(0)
        .setExampleKeys(missing == 0 ? List.of() : List.of("7", "9")).setSampled(5).setMismatched(0)
        .setFindings(findings).setAt(1L).build();
  }

  @Test
  void statusTableShowsStateStageProgressAndReasonInColumnsAsWideAsTheirContents() {
    String table = StatusRenderer.table(List.of(status("job-1", JobState.FAILED, "Source is gone."),
        status("offline-2026-12-03-141656-7f3a9c", JobState.IN_PROGRESS, null)));

    assertThat(table.lines()).containsExactly(
        "JOB                               STATE        STAGE     PERCENT  ROWS COPIED/TOTAL  REASON",
        "job-1                             FAILED       SNAPSHOT    25.0%           250/1000  Source is gone.",
        "offline-2026-12-03-141656-7f3a9c  IN_PROGRESS  SNAPSHOT    25.0%           250/1000");
  }

  @Test
  void aRunningJobsWarningAboutAMissingServiceStandsInTheTableAndTheDetails() {
    JobStatus running = status("job-2", JobState.IN_PROGRESS, null);
    running.setServiceWarnings(List.of(NO_SINK));

    assertThat(StatusRenderer.table(List.of(running)).lines().skip(1)).containsExactly(
        "job-2  IN_PROGRESS  SNAPSHOT    25.0%           250/1000  Warning: " + NO_SINK.getMessage());
    assertThat(StatusRenderer.details(running)).contains("\nWarning:    " + NO_SINK.getMessage() + "\n");
  }

  @Test
  void aFollowedJobsWarningIsPrintedOnceWhenItAppearsAndALineWhenItClears() {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    ServiceWarningLines lines = new ServiceWarningLines(new PrintStream(output, true, StandardCharsets.UTF_8));
    JobStatus warned = status("job-3", JobState.IN_PROGRESS, null);
    warned.setServiceWarnings(List.of(NO_SINK));

    lines.update(status("job-3", JobState.IN_PROGRESS, null));
    lines.update(warned);
    lines.update(warned);
    lines.update(status("job-3", JobState.IN_PROGRESS, null));
    lines.update(warned);
    lines.update(status("job-3", JobState.SUCCESSFUL, null));

    assertThat(output.toString(StandardCharsets.UTF_8).lines()).containsExactly(
        "Warning: job job-3: " + NO_SINK.getMessage(),
        "Job job-3: a sink-writer works on it again.",
        "Warning: job job-3: " + NO_SINK.getMessage());
  }

  @Test
  void aLagLineEndsWithTheJobsWarningsSoTheGrowingLagHasItsReason() {
    JobStatus syncing = status("job-4", JobState.IN_PROGRESS, null);
    syncing.setServiceWarnings(List.of(NO_SINK));
    LagReport report = LagReport.newBuilder().setJobId("job-4").setLagMs(42_000).setSourceHeadTs(0L).setAppliedTs(0L)
        .setComputedAt(0L).build();

    assertThat(LagLine.of(report, syncing)).contains("job-4  Lag Behind Source 42.0 s  (IN_PROGRESS/SNAPSHOT)")
        .endsWith(")  Warning: " + NO_SINK.getMessage());
  }

  @Test
  void aVerificationTableWithLongNamesKeepsItsColumnsAligned() {
    String table = VerificationTable.render(List.of(report("c1", 0, List.of()),
        report("a_collection_name_longer_than_thirty_two_characters", 0, List.of())));

    List<String> lines = table.lines().toList();
    assertThat(lines.get(1).indexOf("passed")).isEqualTo(lines.get(2).indexOf("passed"))
        .isEqualTo(lines.get(0).indexOf("RESULT"));
  }

  @Test
  void offATerminalProgressIsAPlainLineEveryFewSecondsAndTheFinalStatusIsTheLastLine() {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    AtomicLong nanos = new AtomicLong();
    ProgressLines lines = new ProgressLines(new PrintStream(output, true, StandardCharsets.UTF_8), nanos::get);

    lines.update(copied(100, JobState.IN_PROGRESS));
    nanos.addAndGet(Duration.ofSeconds(1).toNanos());
    lines.update(copied(200, JobState.IN_PROGRESS));
    nanos.addAndGet(ProgressLines.INTERVAL.toNanos());
    lines.update(copied(700, JobState.IN_PROGRESS));
    nanos.addAndGet(Duration.ofSeconds(1).toNanos());
    lines.update(copied(1000, JobState.SUCCESSFUL));

    assertThat(output.toString(StandardCharsets.UTF_8).lines()).containsExactly(
        "Copying job-1: 100/1,000 rows (10.0%), stage SNAPSHOT",
        "Copying job-1: 700/1,000 rows (70.0%), 100 rows/s, stage SNAPSHOT",
        "Copying job-1: 1,000/1,000 rows (100.0%), 300 rows/s, stage SNAPSHOT");
  }

  @Test
  void offATerminalTheDisplayPrintsNothingWhenClosed() {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    try (ProgressDisplay display = new ProgressDisplay(new PrintStream(output, true, StandardCharsets.UTF_8), false)) {
      display.update(copied(1000, JobState.SUCCESSFUL));
    }

    assertThat(output.toString(StandardCharsets.UTF_8)).isEqualTo(
        "Copying job-1: 1,000/1,000 rows (100.0%), stage SNAPSHOT" + System.lineSeparator());
  }

  private static JobStatus copied(long rows, JobState state) {
    return JobStatus.newBuilder(status("job-1", state, null)).setRowsCopied(rows).setPercent(rows / 10.0).build();
  }

  @Test
  void detailsListTheCollections() {
    assertThat(StatusRenderer.details(status("job-1", JobState.IN_PROGRESS, null)))
        .contains("Job:        job-1 (OFFLINE)", "State:      IN_PROGRESS, stage SNAPSHOT",
            "Progress:   25.0% (250 of 1000 rows)", "db.c1", "250/1000 rows")
        .doesNotContain("Ended:", "Reason:");
  }

  @Test
  void verificationTableHasARowPerCollectionAndExplainsFailures() {
    String table = VerificationTable.render(List.of(report("c1", 0, List.of("2 duplicate primary keys on the source.")),
        report("c2", 2, List.of())));

    assertThat(table.lines().toList()).hasSize(5);
    assertThat(table.lines().toList().get(1)).startsWith("db.c1").contains("db2.c1").endsWith("passed");
    assertThat(table.lines().toList().get(2)).startsWith("db.c2").endsWith("FAILED");
    assertThat(table).contains("db.c2: 2 missing in target (e.g. keys 7, 9)",
        "db.c1: note: 2 duplicate primary keys on the source.");
    assertThat(VerificationTable.allPassed(List.of(report("c1", 0, List.of()), report("c2", 2, List.of()))))
        .isFalse();
  }

  @Test
  void aCutoverCheckedFromTheLiveBaselineSaysSo() {
    VerificationReport live = VerificationReport.newBuilder(report("c1", 0, List.of()))
        .setMethod(VerificationMethod.CHANGES_SINCE_BASELINE).setKeysRechecked(4_200).build();

    assertThat(VerificationTable.render(List.of(live))).contains("db.c1: checked from a key scan made while syncing"
        + " and the 4200 entities changed or sampled since; both counts equal the keys so derived.");
    assertThat(VerificationTable.render(List.of(report("c1", 0, List.of())))).doesNotContain("key scan made");
  }

  @Test
  void eachCollectionSaysWhatItsComparisonWouldHaveFound() {
    VerificationReport sampled = VerificationReport.newBuilder(report("c1", 0, List.of())).setSourceDistinctKeys(50_000)
        .setTargetDistinctKeys(50_000).setSampled(4_418).setDetectionProbability(0.990007).build();
    VerificationReport full = VerificationReport.newBuilder(report("c2", 0, List.of())).setSourceDistinctKeys(200_000)
        .setTargetDistinctKeys(200_000).setSampled(200_000).setComparedInFull(true).setDetectionProbability(1.0)
        .build();
    VerificationReport differing = VerificationReport.newBuilder(full).setCollection("c3").setPassed(false)
        .setMismatched(1).setExampleKeys(List.of("mismatched: 4321 (embedding)")).build();

    String table = VerificationTable.render(List.of(sampled, full, differing));

    assertThat(table.lines().toList().get(0)).contains("DIFFER/COMPARED");
    assertThat(table).contains("db.c1: sampled 4,418 of 50,000: differences in >= 0.1 % would have been found with"
        + " 99 % probability.\n", "db.c2: compared all 200,000 entities both sides hold, field by field.\n",
        "db.c3: 1 of 200000 compared entities differ (e.g. keys mismatched: 4321 (embedding))\n");
    assertThat(VerificationTable.render(List.of(report("c1", 0, List.of())))).as("no guarantee stated")
        .doesNotContain("would have been found", "compared all");
  }
}
