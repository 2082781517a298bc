package dev.milvusmigrate.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.milvusmigrate.milvus.ColumnarWriter.Mode;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class ReplayGuardTest {

  private final TopicPartition p0 = new TopicPartition("snapshot", 0);
  private final TopicPartition p1 = new TopicPartition("snapshot", 1);
  private static final String CREATED = "db.created_here";
  private final ReplayGuard guard = new ReplayGuard();

  ReplayGuardTest() {
    guard.created(CREATED);
  }

  @Test
  void collectionsThisSinkDidNotCreateAreAlwaysUpserted() {
    guard.assigned(List.of(p0));
    guard.committed(p0);

    assertThat(guard.modeFor(p0, CREATED)).isEqualTo(Mode.INSERT);
    assertThat(guard.modeFor(p0, "db.existed_before")).isEqualTo(Mode.UPSERT);
    assertThat(guard.modeFor(p0, "db.joined_midway")).isEqualTo(Mode.UPSERT);
  }

  @Test
  void firstBatchAfterAssignmentIsUpsertedThenInserted() {
    guard.assigned(List.of(p0, p1));

    assertThat(guard.modeFor(p0, CREATED)).isEqualTo(Mode.UPSERT);
    guard.committed(p0);
    assertThat(guard.modeFor(p0, CREATED)).isEqualTo(Mode.INSERT);
    assertThat(guard.modeFor(p1, CREATED)).as("p1 has committed nothing yet").isEqualTo(Mode.UPSERT);
  }

  @Test
  void reassignmentAfterRebalanceUpsertsAgain() {
    guard.assigned(List.of(p0));
    guard.committed(p0);
    guard.revoked(List.of(p0));
    guard.assigned(List.of(p0));

    assertThat(guard.modeFor(p0, CREATED)).isEqualTo(Mode.UPSERT);
  }

  @Test
  void aFailedWriteIsRetriedAsUpsert() {
    guard.assigned(List.of(p0));
    guard.committed(p0);
    guard.mayHaveWritten(p0);

    assertThat(guard.modeFor(p0, CREATED)).isEqualTo(Mode.UPSERT);
    guard.committed(p0);
    assertThat(guard.modeFor(p0, CREATED)).isEqualTo(Mode.INSERT);
  }
}
