package dev.milvusmigrate.e2e;

import dev.milvusmigrate.schemas.avro.JobStage;
import dev.milvusmigrate.schemas.avro.JobState;
import java.time.Duration;

/** What one fault-suite run did and what it found on the target. */
record FaultRunResult(String run, Fault fault, Fault.Phase phase, JobStage injectedIn, JobState end, String reason,
    EntityTally tally, int writes, int failedWrites, Duration took) {

  boolean passed() {
    return end == JobState.SUCCESSFUL && tally.clean();
  }

  String row() {
    return "| %s | %s | %s | %s | %s | %d | %d | %d | %d | %d | %d | %d s |".formatted(run, fault.description(),
        phase, injectedIn, end + (reason.isEmpty() ? "" : ": " + reason.replace('|', '/')), tally.sourceEntities(),
        writes, tally.lost(), tally.duplicated(), tally.resurrected(), tally.differing(), took.toSeconds());
  }
}
