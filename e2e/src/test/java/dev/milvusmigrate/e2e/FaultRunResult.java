package dev.milvusmigrate.e2e;

import dev.milvusmigrate.schemas.avro.JobStage;
import dev.milvusmigrate.schemas.avro.JobState;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What one fault-suite run did and what it found on the target: the faults it was to inject, those
 * it injected (with the stage each landed in), the job's end and the comparison.
 */
record FaultRunResult(String run, List<Fault> planned, List<Injected> injected, Fault.Phase phase, JobState end,
    String reason, EntityTally tally, int writes, int failedWrites, Duration took) {

  /** One fault injected, and the job's stage at that moment. */
  record Injected(Fault fault, JobStage in) {}

  /** The job ended SUCCESSFUL, the comparison is clean, and every planned fault was injected. */
  boolean passed() {
    return end == JobState.SUCCESSFUL && tally.clean() && injected.size() == planned.size();
  }

  String row() {
    return "| %s | %s | %s | %s | %s | %d | %d | %d | %d | %d | %d | %d s |".formatted(run,
        injected.stream().map(i -> i.fault().description()).collect(Collectors.joining("; ")), phase,
        injected.stream().map(i -> i.in().toString()).collect(Collectors.joining(", ")),
        end + (reason.isEmpty() ? "" : ": " + reason.replace('|', '/')), tally.sourceEntities(), writes,
        tally.lost(), tally.duplicated(), tally.resurrected(), tally.differing(), took.toSeconds());
  }
}
