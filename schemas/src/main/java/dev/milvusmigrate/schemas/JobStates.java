package dev.milvusmigrate.schemas;

import dev.milvusmigrate.schemas.avro.JobState;

/** What the states of {@link JobState} mean for a job or a collection in it. */
public final class JobStates {

  private JobStates() {}

  /** Whether the state never changes again: SUCCESSFUL, FAILED or CANCELED. */
  public static boolean isFinal(JobState state) {
    return state == JobState.SUCCESSFUL || state == JobState.FAILED || state == JobState.CANCELED;
  }
}
