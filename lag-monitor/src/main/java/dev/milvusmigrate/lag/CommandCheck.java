package dev.milvusmigrate.lag;

import dev.milvusmigrate.schemas.JobStates;
import dev.milvusmigrate.schemas.avro.CommandType;
import dev.milvusmigrate.schemas.avro.ControlCommand;
import dev.milvusmigrate.schemas.avro.JobMode;
import dev.milvusmigrate.schemas.avro.JobState;
import dev.milvusmigrate.schemas.avro.JobStatus;
import java.util.Optional;

/**
 * Whether a control command can act on its job, judged on the job's status before the command:
 * the sentence says why it changes nothing (unknown job, job already ended, STOP_SYNC without the
 * confirmation that writes stopped, STOP_SYNC or CUTOVER of an offline job). A CUTOVER changes no
 * status itself: the capture-proxy it names answers it with a STOP_SYNC. A repeated STOP_SYNC of a job
 * already stopping is a quiet no-op. Pure.
 */
final class CommandCheck {

  private CommandCheck() {}

  static Optional<String> rejection(JobStatus before, ControlCommand command) {
    String job = command.getJobId();
    String type = command.getType().toString();
    if (before == null || before.getState() == JobState.PENDING) {
      return Optional.of(type + " " + command.getCommandId() + " names job '" + job + "', which does not exist:"
          + " check the id with milvus-migrate status; nothing was changed.");
    }
    if (JobStates.isFinal(before.getState())) {
      return Optional.of(type + " " + command.getCommandId() + " for job " + job + " changes nothing: the job already"
          + " ended " + before.getState() + ".");
    }
    if (command.getType() != CommandType.STOP_SYNC && command.getType() != CommandType.CUTOVER) {
      return Optional.empty();
    }
    if (before.getMode() != JobMode.ZERO_DOWNTIME) {
      return Optional.of(type + " " + command.getCommandId() + " for job " + job + " was rejected: it is an offline"
          + " job, which stops by itself; use cancel to stop it early.");
    }
    if (command.getType() == CommandType.STOP_SYNC && !command.getWritesStoppedConfirmed()) {
      return Optional.of("STOP_SYNC " + command.getCommandId() + " for job " + job + " was rejected: stop the"
          + " applications' writes to the source first, then confirm it (milvus-migrate stop-sync " + job
          + " --confirm-writes-stopped); nothing was changed.");
    }
    return Optional.empty();
  }
}
