package dev.milvusmigrate.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.schemas.avro.ExporterCheckpoint;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CollectionResumeTest {

  private static final List<String> PARTITIONS = List.of("_default", "p1", "p2");

  @Test
  void aCollectionWithoutCheckpointsStartsFromScratchWithItsSchema() {
    CollectionResume resume = new CheckpointStore(List.of()).resume(new CollectionName("shop", "books"));

    assertThat(resume.schemaPublished()).isFalse();
    assertThat(resume.nextChunk()).isZero();
    assertThat(resume.rowsRead()).isZero();
    assertThat(resume.afterPk("_default")).isNull();
    assertThat(resume.snapshotTs()).isEmpty();
    assertThat(resume.isFinished(PARTITIONS)).isFalse();
  }

  @Test
  void continuesAfterTheNewestCheckpointOfEachPartition() {
    CheckpointStore store = new CheckpointStore(List.of(
        checkpoint("books", "_default", 99L, 1, 100, false),
        checkpoint("books", "_default", 199L, 2, 200, true),
        checkpoint("books", "p1", 49L, 3, 250, false),
        checkpoint("authors", "_default", "zed", 1, 10, false)));

    CollectionResume books = store.resume(new CollectionName("shop", "books"));

    assertThat(books.schemaPublished()).isTrue();
    assertThat(books.isDone("_default")).isTrue();
    assertThat(books.isDone("p1")).isFalse();
    assertThat(books.afterPk("p1")).isEqualTo(49L);
    assertThat(books.afterPk("p2")).isNull();
    assertThat(books.nextChunk()).isEqualTo(3);
    assertThat(books.rowsRead()).isEqualTo(250);
    assertThat(books.snapshotTs()).hasValue(777L);
    assertThat(books.isFinished(PARTITIONS)).isFalse();
    assertThat(store.resume(new CollectionName("shop", "authors")).afterPk("_default")).isEqualTo("zed");
    assertThat(store.snapshotTs()).hasValue(777L);
  }

  @Test
  void aCollectionIsFinishedWhenEveryPartitionIsDone() {
    CollectionResume resume = CollectionResume.of(List.of(
        checkpoint("books", "_default", 9L, 1, 10, true),
        checkpoint("books", "p1", null, 1, 10, true),
        checkpoint("books", "p2", 30L, 2, 15, true)));

    assertThat(resume.isFinished(PARTITIONS)).isTrue();
    assertThat(resume.isFinished(List.of("_default", "p1", "p2", "p3"))).isFalse();
  }

  @Test
  void aPartitionKeyCollectionIsTrackedUnderTheNullPartition() {
    CollectionResume resume = CollectionResume.of(List.of(checkpoint("books", null, 500L, 4, 501, false)));

    assertThat(resume.afterPk(null)).isEqualTo(500L);
    assertThat(resume.isFinished(Arrays.asList((String) null))).isFalse();
    assertThat(resume.isDone("_default")).isFalse();
  }

  private static ExporterCheckpoint checkpoint(String collection, String partition, Object lastPk, long nextChunk,
      long rowsRead, boolean done) {
    return ExporterCheckpoint.newBuilder().setJobId("job-1").setDatabase("shop").setCollection(collection)
        .setPartition(partition).setSnapshotTs(777L).setLastPk(lastPk).setNextChunk(nextChunk).setRowsRead(rowsRead)
        .setDone(done).build();
  }
}
