package dev.milvusmigrate.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import dev.milvusmigrate.schemas.avro.JobState;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class JobStatesTest {

  @Test
  void onlySuccessfulFailedAndCanceledAreFinal() {
    assertThat(Arrays.stream(JobState.values()).filter(JobStates::isFinal))
        .containsExactlyInAnyOrder(JobState.SUCCESSFUL, JobState.FAILED, JobState.CANCELED);
  }
}
