package dev.milvusmigrate.lag;

import static org.assertj.core.api.Assertions.assertThat;

import dev.milvusmigrate.core.domain.JobId;
import dev.milvusmigrate.schemas.avro.JobMode;
import dev.milvusmigrate.schemas.avro.JobStage;
import dev.milvusmigrate.schemas.avro.JobState;
import dev.milvusmigrate.schemas.avro.JobStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class EndedJobTopicsTest {

  private static final long NOW = 10_000_000L;

  @Test
  void onlyJobsThatEndedLongerThanTheRetentionAgoAreDue() {
    List<JobStatus> statuses = List.of(
        status("old", JobState.SUCCESSFUL, NOW - 3_600_000L),
        status("recent", JobState.FAILED, NOW - 60_000L),
        status("canceled", JobState.CANCELED, NOW - 7_200_000L),
        status("running", JobState.IN_PROGRESS, null));

    assertThat(EndedJobTopics.due(statuses, NOW, Duration.ofMinutes(30)))
        .containsExactly(new JobId("old"), new JobId("canceled"));
  }

  private static JobStatus status(String job, JobState state, Long endedAt) {
    return JobStatus.newBuilder().setJobId(job).setMode(JobMode.OFFLINE).setState(state).setStage(JobStage.DONE)
        .setStartedAt(0).setUpdatedAt(NOW).setEndedAt(endedAt).build();
  }
}
