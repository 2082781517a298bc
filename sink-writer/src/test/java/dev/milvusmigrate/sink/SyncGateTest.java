package dev.milvusmigrate.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.milvusmigrate.schemas.avro.CollectionCopied;
import dev.milvusmigrate.schemas.avro.CollectionPlan;
import dev.milvusmigrate.schemas.avro.JobFailed;
import dev.milvusmigrate.schemas.avro.JobPlanned;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyncGateTest {

  private static final long T = 4_242L << 18;

  private final SyncGate gate = new SyncGate();

  @Test
  void staysClosedUntilTheJobIsPlanned() {
    gate.accept(copied("db", "a", true));

    assertThat(gate.isOpen()).isFalse();
    assertThatThrownBy(gate::snapshotTs).hasMessage("the job is not planned yet");
  }

  @Test
  void opensWhenEveryPlannedCollectionsSnapshotIsComplete() {
    gate.accept(planned(plan("db", "a"), plan("db", "b"), plan("other", "a")));
    gate.accept(copied("db", "a", true));
    gate.accept(copied("db", "b", false));
    gate.accept(copied("other", "a", true));

    assertThat(gate.isOpen()).as("db.b has rows copied but its snapshot is not complete").isFalse();

    gate.accept(copied("db", "b", true));

    assertThat(gate.isOpen()).isTrue();
    assertThat(gate.snapshotTs()).isEqualTo(T);
  }

  @Test
  void completionsReadBeforeThePlanCount() {
    gate.accept(copied("db", "a", true));
    gate.accept(planned(plan("db", "a")));

    assertThat(gate.isOpen()).isTrue();
  }

  @Test
  void anEmptyPlanOpensAtOnce() {
    gate.accept(planned());

    assertThat(gate.isOpen()).isTrue();
  }

  @Test
  void collectionsOfAnotherDatabaseWithTheSameNameAreNotConfused() {
    gate.accept(planned(plan("db", "a"), plan("db2", "a")));
    gate.accept(copied("db", "a", true));

    assertThat(gate.isOpen()).isFalse();
  }

  @Test
  void severalPlansWaitForAllTheirCollectionsFromTheEarliestSnapshotTimestamp() {
    gate.accept(new JobPlanned("job", T + 50, List.of(plan("db", "a")), 1L));
    gate.accept(planned(plan("db", "a"), plan("db", "b")));
    gate.accept(new JobPlanned("job", T + 80, List.of(plan("db", "c")), 2L));
    gate.accept(copied("db", "a", true));
    gate.accept(copied("db", "b", true));

    assertThat(gate.isOpen()).isFalse();
    assertThat(gate.snapshotTs()).isEqualTo(T);

    gate.accept(copied("db", "c", true));

    assertThat(gate.isOpen()).isTrue();
  }

  @Test
  void otherEventsChangeNothing() {
    gate.accept(planned(plan("db", "a")));
    gate.accept(new JobFailed("job", "snapshot-exporter", "db", "a", "broken", null, 1L));
    gate.accept(null);

    assertThat(gate.isOpen()).isFalse();
  }

  private static JobPlanned planned(CollectionPlan... collections) {
    return new JobPlanned("job", T, List.of(collections), 1L);
  }

  private static CollectionPlan plan(String database, String collection) {
    return new CollectionPlan(database, collection, database, 10L);
  }

  private static CollectionCopied copied(String database, String collection, boolean complete) {
    return new CollectionCopied("job", database, collection, 10L, complete, 1L);
  }
}
