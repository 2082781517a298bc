package dev.milvusmigrate.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.core.domain.JobFailure;
import dev.milvusmigrate.core.domain.RecordKeys;
import dev.milvusmigrate.schemas.avro.Column;
import dev.milvusmigrate.schemas.avro.DataType;
import dev.milvusmigrate.schemas.avro.Mutation;
import dev.milvusmigrate.schemas.avro.MutationOp;
import dev.milvusmigrate.schemas.avro.PackedValues;
import dev.milvusmigrate.schemas.avro.PrimaryKeys;
import dev.milvusmigrate.schemas.avro.StringValues;
import dev.milvusmigrate.schemas.columns.Columns;
import dev.milvusmigrate.schemas.columns.LittleEndianPacker;
import dev.milvusmigrate.sink.ApplyPlan.Rows;
import dev.milvusmigrate.sink.ApplyPlan.WriteTarget;
import dev.milvusmigrate.sink.MutationFold.PartitionProgress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class MutationFoldTest {

  private static final long T = 1_000L << 18;
  private static final WriteTarget BOOKS = target("db", "books", "_default");
  private static final WriteTarget AUTHORS = target("db2", "authors", null);

  private final MutationFold fold = new MutationFold(T);

  @Test
  void theLastWriteOfAKeyWins() {
    fold.add(0, key(1), book(MutationOp.INSERT, 1, "first", T + 1));
    fold.add(0, key(1), book(MutationOp.UPSERT, 1, "second", T + 2));
    fold.add(0, key(1), book(MutationOp.UPSERT, 1, "third", T + 3));

    ApplyPlan plan = fold.plan();

    assertThat(plan.deletions()).isEmpty();
    assertThat(plan.upserts()).containsOnlyKeys(BOOKS);
    assertThat(titles(plan.upserts().get(BOOKS))).containsExactly("third");
    assertThat(ids(plan.upserts().get(BOOKS))).containsExactly(1L);
  }

  @Test
  void aDeleteAfterAnInsertLeavesOnlyTheDelete() {
    fold.add(0, key(2), book(MutationOp.INSERT, 2, "new", T + 1));
    fold.add(0, key(2), delete(2, null, T + 2));

    ApplyPlan plan = fold.plan();

    assertThat(plan.upserts()).isEmpty();
    WriteTarget everyPartition = target("db", "books", null);
    assertThat(plan.deletions()).containsOnlyKeys(everyPartition);
    assertThat(longs(plan.deletions().get(everyPartition))).containsExactly(2L);
  }

  @Test
  void anInsertAfterADeleteLeavesOnlyTheInsert() {
    fold.add(0, key(3), delete(3, "_default", T + 1));
    fold.add(0, key(3), book(MutationOp.INSERT, 3, "reborn", T + 2));

    ApplyPlan plan = fold.plan();

    assertThat(plan.deletions()).isEmpty();
    assertThat(titles(plan.upserts().get(BOOKS))).containsExactly("reborn");
  }

  @Test
  void aKeyDeletedAndWrittenIntoAnotherPartitionIsDeletedEverywhereBeforeTheWrite() {
    fold.add(0, key(790), book(MutationOp.INSERT, 790, "in default", T + 1));
    fold.add(0, key(790), delete(790, null, T + 2));
    fold.add(0, key(790), changed(book(MutationOp.INSERT, 790, "moved south", T + 3), m -> m.setPartition("p_south")));

    ApplyPlan plan = fold.plan();

    assertThat(longs(plan.deletions().get(target("db", "books", null)))).containsExactly(790L);
    assertThat(plan.upserts()).containsOnlyKeys(target("db", "books", "p_south"));
    assertThat(titles(plan.upserts().get(target("db", "books", "p_south")))).containsExactly("moved south");
  }

  @Test
  void aDeleteFromOnePartitionIsKeptBesideAWriteIntoAnother() {
    fold.add(0, key(5), delete(5, "_default", T + 1));
    fold.add(0, key(5), changed(book(MutationOp.INSERT, 5, "p1", T + 2), m -> m.setPartition("p1")));

    ApplyPlan plan = fold.plan();

    assertThat(longs(plan.deletions().get(BOOKS))).containsExactly(5L);
    assertThat(ids(plan.upserts().get(target("db", "books", "p1")))).containsExactly(5L);
  }

  @Test
  void aKeyWrittenIntoTwoPartitionsStaysInBothAndADeleteFromOneLeavesTheOther() {
    fold.add(0, key(6), book(MutationOp.INSERT, 6, "default", T + 1));
    fold.add(0, key(6), changed(book(MutationOp.UPSERT, 6, "p1", T + 2), m -> m.setPartition("p1")));
    fold.add(0, key(7), book(MutationOp.INSERT, 7, "default", T + 3));
    fold.add(0, key(7), changed(book(MutationOp.UPSERT, 7, "p1", T + 4), m -> m.setPartition("p1")));
    fold.add(0, key(7), delete(7, "p1", T + 5));

    ApplyPlan plan = fold.plan();

    assertThat(ids(plan.upserts().get(BOOKS))).containsExactly(6L, 7L);
    assertThat(ids(plan.upserts().get(target("db", "books", "p1")))).containsExactly(6L);
    assertThat(plan.deletions()).containsOnlyKeys(target("db", "books", "p1"));
    assertThat(longs(plan.deletions().get(target("db", "books", "p1")))).containsExactly(7L);
  }

  @Test
  void aRoutedWriteOfAPartitionKeyCollectionCoversAnEarlierDelete() {
    fold.add(0, author("ann"), deleteAuthor("ann", T + 1));
    fold.add(0, author("ann"), author(MutationOp.UPSERT, "ann", T + 2));

    ApplyPlan plan = fold.plan();

    assertThat(plan.deletions()).isEmpty();
    assertThat(plan.upserts()).containsOnlyKeys(AUTHORS);
  }

  /**
   * Against a model of the source: for random sequences of writes and deletes (with and without a
   * partition) of a few keys, the target after the plan (deletes first, then upserts) holds exactly
   * the source's (partition, key) versions.
   */
  @Test
  void applyingThePlanLeavesTheTargetAsTheSourceForEverySequenceOfChanges() {
    Random random = new Random(13);
    List<String> partitions = Arrays.asList("_default", "p1", "p2", null);
    for (int sequence = 0; sequence < 20_000; sequence++) {
      Map<String, Map<Long, String>> before = randomState(random);
      Map<String, Map<Long, String>> source = copy(before);
      MutationFold poll = new MutationFold(T);
      int changes = 1 + random.nextInt(6);
      for (int i = 0; i < changes; i++) {
        long id = 1 + random.nextInt(3);
        String partition = partitions.get(random.nextInt(partitions.size()));
        String version = sequence + "." + i;
        boolean isDelete = partition == null || random.nextBoolean();
        Mutation mutation = isDelete ? delete(id, partition, T + i + 1)
            : changed(book(MutationOp.UPSERT, id, version, T + i + 1), m -> m.setPartition(partition));
        if (isDelete) {
          remove(source, partition, List.of(id));
        } else {
          source.get(partition).put(id, version);
        }
        poll.add(0, key(id), mutation);
      }
      assertThat(applied(before, poll.plan())).as("sequence %d", sequence).isEqualTo(source);
    }
  }

  /** The target after the plan, as Milvus applies it: deletions first (from a partition, or all), then upserts per partition. */
  private static Map<String, Map<Long, String>> applied(Map<String, Map<Long, String>> before, ApplyPlan plan) {
    Map<String, Map<Long, String>> target = copy(before);
    plan.deletions().forEach((where, keys) -> remove(target, where.partition(), longs(keys)));
    plan.upserts().forEach((where, rows) -> {
      List<Long> ids = ids(rows);
      List<String> titles = titles(rows);
      for (int row = 0; row < ids.size(); row++) {
        target.get(where.partition()).put(ids.get(row), titles.get(row));
      }
    });
    return target;
  }

  private static void remove(Map<String, Map<Long, String>> state, String partition, List<Long> ids) {
    state.forEach((name, keys) -> {
      if (partition == null || partition.equals(name)) {
        ids.forEach(keys::remove);
      }
    });
  }

  private static Map<String, Map<Long, String>> randomState(Random random) {
    Map<String, Map<Long, String>> state = new TreeMap<>();
    for (String partition : List.of("_default", "p1", "p2")) {
      Map<Long, String> keys = new TreeMap<>();
      for (long id = 1; id <= 3; id++) {
        if (random.nextInt(3) == 0) {
          keys.put(id, "old " + partition);
        }
      }
      state.put(partition, keys);
    }
    return state;
  }

  private static Map<String, Map<Long, String>> copy(Map<String, Map<Long, String>> state) {
    Map<String, Map<Long, String>> copy = new TreeMap<>();
    state.forEach((partition, keys) -> copy.put(partition, new TreeMap<>(keys)));
    return copy;
  }

  @Test
  void mutationsAtOrBeforeTheSnapshotTimestampAreSkippedButCountForTheWatermark() {
    fold.add(0, key(4), book(MutationOp.UPSERT, 4, "before", T - 1));
    fold.add(0, key(5), book(MutationOp.INSERT, 5, "at", T));
    fold.add(0, key(6), delete(6, null, T));
    fold.add(0, key(7), book(MutationOp.INSERT, 7, "after", T + 1));

    ApplyPlan plan = fold.plan();

    assertThat(plan.deletions()).isEmpty();
    assertThat(ids(plan.upserts().get(BOOKS))).containsExactly(7L);
    assertThat(fold.progress()).containsExactly(Map.entry(0, new PartitionProgress(T + 1, 1)));
  }

  @Test
  void aSkippedMutationDoesNotUndoALaterOneOfTheSameKey() {
    fold.add(0, key(8), book(MutationOp.UPSERT, 8, "after", T + 5));
    fold.add(0, key(8), book(MutationOp.UPSERT, 8, "replayed from before", T - 5));

    assertThat(titles(fold.plan().upserts().get(BOOKS))).containsExactly("after");
  }

  @Test
  void writesAreGroupedPerCollectionAndPartitionWithVarcharAndInt64Keys() {
    fold.add(0, key(1), book(MutationOp.INSERT, 1, "one", T + 1));
    fold.add(1, key(2), book(MutationOp.INSERT, 2, "two", T + 2));
    fold.add(1, RecordKeys.entity("db", "books", 9), changed(book(MutationOp.INSERT, 9, "nine", T + 3), m -> m.setPartition("p1")));
    fold.add(0, author("ann"), author(MutationOp.UPSERT, "ann", T + 1));
    fold.add(2, author("bob"), author(MutationOp.INSERT, "bob", T + 2));
    fold.add(2, author("cid"), deleteAuthor("cid", T + 3));
    fold.add(1, key(10), delete(10, "_default", T + 4));

    ApplyPlan plan = fold.plan();

    assertThat(plan.upserts()).containsOnlyKeys(BOOKS, target("db", "books", "p1"), AUTHORS);
    assertThat(ids(plan.upserts().get(BOOKS))).containsExactly(1L, 2L);
    assertThat(plan.upserts().get(BOOKS).count()).isEqualTo(2);
    assertThat(ids(plan.upserts().get(target("db", "books", "p1")))).containsExactly(9L);
    assertThat(((StringValues) column(plan.upserts().get(AUTHORS), "name").getValues()).getValues())
        .containsExactly("ann", "bob");
    assertThat(plan.deletions()).containsOnlyKeys(BOOKS, AUTHORS);
    assertThat(longs(plan.deletions().get(BOOKS))).containsExactly(10L);
    assertThat(plan.deletions().get(AUTHORS)).isEqualTo(new PrimaryKeys("name", new StringValues(List.of("cid"))));
    assertThat(fold.progress()).containsExactly(
        Map.entry(0, new PartitionProgress(T + 1, 2)),
        Map.entry(1, new PartitionProgress(T + 4, 3)),
        Map.entry(2, new PartitionProgress(T + 3, 2)));
  }

  @Test
  void theSameKeyInAnotherCollectionIsAnotherEntity() {
    fold.add(0, key(1), book(MutationOp.INSERT, 1, "kept", T + 1));
    fold.add(0, RecordKeys.entity("db", "other", 1), changed(delete(1, null, T + 2), m -> m.setCollection("other")));

    ApplyPlan plan = fold.plan();

    assertThat(titles(plan.upserts().get(BOOKS))).containsExactly("kept");
    assertThat(plan.deletions()).containsOnlyKeys(target("db", "other", null));
  }

  @Test
  void heartbeatsRaiseThePartitionWatermarkWithoutRows() {
    fold.heartbeat(3, T + 7);
    fold.add(3, key(1), book(MutationOp.INSERT, 1, "one", T + 2));
    fold.heartbeat(4, T + 9);

    assertThat(fold.plan().upserts()).containsOnlyKeys(BOOKS);
    assertThat(fold.progress()).containsExactly(
        Map.entry(3, new PartitionProgress(T + 7, 1)),
        Map.entry(4, new PartitionProgress(T + 9, 0)));
  }

  @Test
  void aMutationThatIsNotOneEntitysChangeIsRejected() {
    assertThatThrownBy(() -> fold.add(0, null, book(MutationOp.INSERT, 1, "x", T + 1)))
        .hasMessage("it has no record key naming its entity");
    assertThatThrownBy(() -> fold.add(0, key(1), changed(book(MutationOp.INSERT, 1, "x", T + 1), m -> m.setRowCount(2))))
        .hasMessage("it holds 2 rows, not one");
    assertThatThrownBy(() -> fold.add(0, key(1), changed(delete(1, null, T + 1), m -> m.setPrimaryKeys(null))))
        .hasMessage("its DELETE has no primary key");
    assertThatThrownBy(() -> fold.add(0, key(1), changed(book(MutationOp.UPSERT, 1, "x", T + 1), m -> m.setColumns(List.of()))))
        .hasMessage("its UPSERT has no columns");
  }

  @Test
  void rowsOfOneCollectionWithDifferentFieldsFailTheJobNamingIt() {
    fold.add(0, key(1), book(MutationOp.INSERT, 1, "one", T + 1));
    Mutation titleless = book(MutationOp.INSERT, 2, "two", T + 2);
    titleless.setColumns(List.of(titleless.getColumns().get(0)));
    fold.add(0, key(2), titleless);

    assertThatThrownBy(fold::plan).isInstanceOfSatisfying(JobFailure.class, e -> {
      assertThat(e.database()).isEqualTo("db");
      assertThat(e.collection()).isEqualTo("books");
    }).hasMessageStartingWith("Mutations of db.books carry different fields (");
  }

  private static String key(long id) {
    return RecordKeys.entity("db", "books", id);
  }

  private static String author(String name) {
    return RecordKeys.entity("db2", "authors", name);
  }

  private static Mutation.Builder builder(MutationOp op, String database, String collection, long ts) {
    return Mutation.newBuilder().setJobId("job").setOp(op).setSourceTs(ts).setDatabase(database)
        .setCollection(collection).setRowCount(1);
  }

  private static Mutation book(MutationOp op, long id, String title, long ts) {
    return builder(op, "db", "books", ts).setPartition("_default").setColumns(List.of(
        Columns.scalars("id", DataType.INT64, LittleEndianPacker.packLongs(new long[] {id})),
        Columns.strings("title", DataType.VARCHAR, List.of(title)))).build();
  }

  private static Mutation delete(long id, String partition, long ts) {
    return builder(MutationOp.DELETE, "db", "books", ts).setPartition(partition)
        .setPrimaryKeys(new PrimaryKeys("id", new PackedValues(LittleEndianPacker.packLongs(new long[] {id}))))
        .build();
  }

  private static Mutation author(MutationOp op, String name, long ts) {
    return builder(op, "db2", "authors", ts).setColumns(List.of(
        Columns.strings("name", DataType.VARCHAR, List.of(name)))).build();
  }

  private static Mutation deleteAuthor(String name, long ts) {
    return builder(MutationOp.DELETE, "db2", "authors", ts)
        .setPrimaryKeys(new PrimaryKeys("name", new StringValues(List.of(name)))).build();
  }

  private static Mutation changed(Mutation mutation, UnaryOperator<Mutation.Builder> change) {
    return change.apply(Mutation.newBuilder(mutation)).build();
  }

  private static Column column(Rows rows, String field) {
    return rows.columns().stream().filter(c -> c.getFieldName().equals(field)).findFirst().orElseThrow();
  }

  private static List<String> titles(Rows rows) {
    return ((StringValues) column(rows, "title").getValues()).getValues();
  }

  private static List<Long> ids(Rows rows) {
    return longs(((PackedValues) column(rows, "id").getValues()).getData());
  }

  private static List<Long> longs(PrimaryKeys keys) {
    return longs(((PackedValues) keys.getKeys()).getData());
  }

  private static List<Long> longs(ByteBuffer packed) {
    return Arrays.stream(LittleEndianPacker.unpackLongs(packed)).boxed().toList();
  }

  private static WriteTarget target(String database, String collection, String partition) {
    return new WriteTarget(new CollectionName(database, collection), partition);
  }
}
