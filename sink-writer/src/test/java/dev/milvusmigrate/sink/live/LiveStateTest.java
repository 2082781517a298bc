package dev.milvusmigrate.sink.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.core.domain.RecordKeys;
import dev.milvusmigrate.schemas.avro.CollectionSchema;
import dev.milvusmigrate.schemas.avro.DataType;
import dev.milvusmigrate.schemas.avro.FieldSchema;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a live verification keeps in memory stays within its limit of changed keys. */
class LiveStateTest {

  private static final CollectionName BOOKS = new CollectionName("db", "books");
  private static final CollectionName FILMS = new CollectionName("db", "films");

  private final LiveState state = new LiveState(null, "job-1", 3);

  @BeforeEach
  void schemasAndBaselineTaken() {
    state.schema(BOOKS, schema(BOOKS));
    state.schema(FILMS, schema(FILMS));
    state.baselineComplete();
  }

  @Test
  void theCollectionWithTheMostChangedKeysIsLeftToTheFullVerificationPastTheLimit() {
    change(BOOKS, 1);
    change(FILMS, 1, 2);

    assertThat(state.covers(FILMS)).as("three changed keys are within the limit").isTrue();
    change(FILMS, 3);

    assertThat(state.covers(FILMS)).as("films held three of the four changed keys").isFalse();
    assertThat(state.covers(BOOKS)).isTrue();
    assertThat(state.changed().size()).isEqualTo(1);
  }

  @Test
  void aCollectionLeftToTheFullVerificationKeepsNoChangedKeysAndNoBaseline() {
    state.baseline(BOOKS, baseline(10));
    change(BOOKS, 1);

    state.leaveToFullVerification(BOOKS);
    change(BOOKS, 2, 3, 4, 5);

    assertThat(state.changed().size()).isZero();
    assertThat(state.baselineKeys()).isZero();
    assertThat(state.baselines()).isZero();
    state.baseline(BOOKS, baseline(10));
    assertThat(state.baselineKeys()).as("a late baseline of a collection left out is not kept").isZero();
  }

  @Test
  void theKeysABaselineHandsBackCountTowardsTheLimit() {
    change(FILMS, 1);

    state.baseline(BOOKS, new BaselineScan.Result(new PartitionedKeys(), new PartitionedKeys(), List.of(1L, 2L),
        List.of(3L), 0));

    assertThat(state.covers(BOOKS)).isFalse();
    assertThat(state.covers(FILMS)).isTrue();
    assertThat(state.baselineKeys()).isZero();
  }

  @Test
  void aNewBaselineForgetsWhatWasLeftOut() {
    change(BOOKS, 1, 2, 3, 4);

    state.reset();
    state.schema(BOOKS, schema(BOOKS));
    state.baselineComplete();

    assertThat(state.covers(BOOKS)).isTrue();
    assertThat(state.uncoveredCount()).isZero();
  }

  private void change(CollectionName collection, long... keys) {
    LongStream.of(keys).forEach(key -> state.record(0, key, new RecordKeys.Entity(collection, Long.toString(key))));
  }

  private static BaselineScan.Result baseline(long keys) {
    PartitionedKeys source = new PartitionedKeys();
    PartitionedKeys target = new PartitionedKeys();
    LongStream.rangeClosed(1, keys).forEach(key -> {
      source.in(null).add(key);
      target.in(null).add(key);
    });
    return new BaselineScan.Result(source, target, List.of(), List.of(), 0);
  }

  private static CollectionSchema schema(CollectionName name) {
    return CollectionSchema.newBuilder().setDatabase(name.database()).setCollection(name.collection())
        .setFields(List.of(FieldSchema.newBuilder().setName("id").setDataType(DataType.INT64)
            .setTypeParams(Map.of()).setIsPrimaryKey(true).build()))
        .setPartitions(List.of()).build();
  }
}
