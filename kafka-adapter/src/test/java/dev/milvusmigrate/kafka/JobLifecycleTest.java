package dev.milvusmigrate.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.milvusmigrate.schemas.avro.CommandType;
import dev.milvusmigrate.schemas.avro.ControlCommand;
import dev.milvusmigrate.schemas.avro.JobMode;
import dev.milvusmigrate.schemas.avro.JobSpec;
import dev.milvusmigrate.schemas.avro.JobStage;
import dev.milvusmigrate.schemas.avro.JobState;
import dev.milvusmigrate.schemas.avro.JobStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a service hears of the jobs when it starts again after some of them ended. */
class JobLifecycleTest {

  private final List<String> heard = new ArrayList<>();
  private final List<Set<String>> endedBeforeStart = new ArrayList<>();
  private final JobLifecycle lifecycle = new JobLifecycle(new JobFeed.Listener() {
    @Override
    public void jobSubmitted(JobSpec spec) {
      heard.add("submitted " + spec.getJobId());
    }

    @Override
    public void jobEnded(String jobId, JobState state) {
      heard.add("ended " + jobId + " " + state);
    }

    @Override
    public void stopSyncRequested(ControlCommand command) {
      heard.add("stop-sync " + command.getJobId());
    }

    @Override
    public void endedBeforeStart(Set<String> jobIds) {
      endedBeforeStart.add(jobIds);
    }
  });

  @Test
  void jobsThatEndedBeforeTheStartAreNeitherStartedNorStopped() {
    lifecycle.submitted(spec("done"));
    lifecycle.submitted(spec("cancelled"));
    lifecycle.submitted(spec("running"));
    lifecycle.commanded(command("cancelled", CommandType.CANCEL));
    lifecycle.commanded(command("done", CommandType.STOP_SYNC));
    lifecycle.stateChanged(status("done", JobState.SUCCESSFUL));
    lifecycle.stateChanged(status("running", JobState.IN_PROGRESS));

    lifecycle.caughtUp();

    assertThat(heard).containsExactly("submitted running");
    assertThat(lifecycle.hasEnded("done")).isTrue();
    assertThat(lifecycle.hasEnded("cancelled")).isTrue();
    assertThat(endedBeforeStart).as("told once, together").containsExactly(Set.of("done", "cancelled"));
  }

  @Test
  void aStopSyncReadBeforeTheStartComesAfterItsJobWasSubmitted() {
    lifecycle.commanded(command("syncing", CommandType.STOP_SYNC));
    lifecycle.submitted(spec("syncing"));

    lifecycle.caughtUp();

    assertThat(heard).containsExactly("submitted syncing", "stop-sync syncing");
    heard.clear();
    lifecycle.submitted(spec("syncing"));
    assertThat(heard).isEmpty();
  }

  @Test
  void onceCaughtUpJobsAreSubmittedAndEndedAsTheyCome() {
    lifecycle.caughtUp();

    lifecycle.submitted(spec("new"));
    lifecycle.submitted(spec("new"));
    lifecycle.stateChanged(status("new", JobState.FAILED));
    lifecycle.commanded(command("new", CommandType.CANCEL));
    lifecycle.stateChanged(status("never-submitted", JobState.SUCCESSFUL));

    assertThat(heard).containsExactly("submitted new", "ended new FAILED");
    assertThat(endedBeforeStart).containsExactly(Set.of());
  }

  private static JobSpec spec(String job) {
    return JobSpec.newBuilder().setJobId(job).setMode(JobMode.ZERO_DOWNTIME).setSourceLabel("s").setTargetLabel("t")
        .setSubmittedAt(1L).build();
  }

  private static ControlCommand command(String job, CommandType type) {
    return ControlCommand.newBuilder().setCommandId("c-" + job).setJobId(job).setType(type)
        .setWritesStoppedConfirmed(true).setIssuedAt(1L).build();
  }

  private static JobStatus status(String job, JobState state) {
    return JobStatus.newBuilder().setJobId(job).setMode(JobMode.ZERO_DOWNTIME).setState(state)
        .setStage(JobStage.SNAPSHOT).setStartedAt(1L).setUpdatedAt(1L).build();
  }
}
