package dev.milvusmigrate.kafka;

import dev.milvusmigrate.schemas.JobStates;
import dev.milvusmigrate.schemas.avro.CommandType;
import dev.milvusmigrate.schemas.avro.ControlCommand;
import dev.milvusmigrate.schemas.avro.JobSpec;
import dev.milvusmigrate.schemas.avro.JobState;
import dev.milvusmigrate.schemas.avro.JobStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What {@link JobFeed} tells its listener of the jobs, commands and statuses it reads. Until the
 * feed has caught up with the control and status topics as they were at its start, submissions and
 * STOP_SYNC commands are held: a restarted service so learns which jobs already ended before it
 * hears of them, and neither starts nor stops (nor logs) work for those: it is told them together
 * instead, so it can remove what their work left behind. Held commands come after
 * held submissions, so a listener hears of a job before its STOP_SYNC.
 */
final class JobLifecycle {

  private final JobFeed.Listener listener;
  private final Set<String> submitted = ConcurrentHashMap.newKeySet();
  private final Set<String> ended = ConcurrentHashMap.newKeySet();
  private final List<JobSpec> heldSubmissions = new ArrayList<>();
  private final List<ControlCommand> heldStops = new ArrayList<>();
  private boolean caughtUp;

  JobLifecycle(JobFeed.Listener listener) {
    this.listener = listener;
  }

  void submitted(JobSpec spec) {
    if (caughtUp) {
      submit(spec);
    } else {
      heldSubmissions.add(spec);
    }
  }

  void commanded(ControlCommand command) {
    if (command.getType() == CommandType.CANCEL) {
      end(command.getJobId(), JobState.CANCELED);
    } else if (command.getType() == CommandType.STOP_SYNC && caughtUp) {
      stopSync(command);
    } else if (command.getType() == CommandType.STOP_SYNC) {
      heldStops.add(command);
    }
  }

  void stateChanged(JobStatus status) {
    if (JobStates.isFinal(status.getState())) {
      end(status.getJobId(), status.getState());
    }
  }

  /** The feed has read the control and status topics up to where they ended at its start. */
  void caughtUp() {
    caughtUp = true;
    listener.endedBeforeStart(Set.copyOf(ended));
    heldSubmissions.forEach(this::submit);
    heldStops.forEach(this::stopSync);
    heldSubmissions.clear();
    heldStops.clear();
  }

  boolean hasEnded(String jobId) {
    return ended.contains(jobId);
  }

  private void submit(JobSpec spec) {
    if (!ended.contains(spec.getJobId()) && submitted.add(spec.getJobId())) {
      listener.jobSubmitted(spec);
    }
  }

  private void stopSync(ControlCommand command) {
    if (!ended.contains(command.getJobId())) {
      listener.stopSyncRequested(command);
    }
  }

  private void end(String jobId, JobState state) {
    if (ended.add(jobId) && submitted.contains(jobId)) {
      listener.jobEnded(jobId, state);
    }
  }
}
