package dev.milvusmigrate.capture;

import dev.milvusmigrate.milvus.WalColumns;
import dev.milvusmigrate.milvus.wal.WalDelete;
import dev.milvusmigrate.milvus.wal.WalInsert;
import dev.milvusmigrate.milvus.wal.WalKeys;
import dev.milvusmigrate.schemas.avro.Column;
import dev.milvusmigrate.schemas.avro.Mutation;
import dev.milvusmigrate.schemas.avro.MutationOp;
import dev.milvusmigrate.schemas.avro.PackedValues;
import dev.milvusmigrate.schemas.avro.PrimaryKeys;
import dev.milvusmigrate.schemas.avro.StringValues;
import dev.milvusmigrate.schemas.columns.LittleEndianPacker;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Turns a logged insert or delete into {@link Mutation}s of one row each. The mutations topic is
 * keyed by (database, collection, primary key), so a mutation must hold a single key; one per row
 * is the simplest split that keeps every row's own timestamp. It costs a record (and the repeated
 * envelope: names, position) per row; grouping rows of equal key and timestamp can come later.
 */
public final class MutationMapper {

  private final String jobId;

  public MutationMapper(String jobId) {
    this.jobId = jobId;
  }

  /** @param columns the insert's values, read with the collection's schema */
  public List<Mutation> inserts(WalInsert insert, List<Column> columns, ResolvedCollection target,
      WalPosition position) {
    return IntStream.range(0, insert.timestamps().size())
        .mapToObj(row -> envelope(MutationOp.INSERT, insert.timestamps().get(row), target, position)
            .setPartition(partition(insert.partitionName(), target))
            .setColumns(rowOf(columns, row))
            .build())
        .toList();
  }

  public List<Mutation> deletes(WalDelete delete, ResolvedCollection target, WalPosition position) {
    return IntStream.range(0, delete.keys().size())
        .mapToObj(row -> envelope(MutationOp.DELETE, delete.timestamps().get(row), target, position)
            .setPartition(partition(delete.partitionName(), target))
            .setPrimaryKeys(new PrimaryKeys(target.primaryKeyField(), key(delete.keys(), row)))
            .build())
        .toList();
  }

  private Mutation.Builder envelope(MutationOp op, long timestamp, ResolvedCollection target, WalPosition position) {
    return Mutation.newBuilder()
        .setJobId(jobId)
        .setOp(op)
        .setSourceTs(timestamp)
        .setDatabase(target.database())
        .setCollection(target.collection())
        .setRowCount(1)
        .setSourceTopic(position.topic())
        .setSourcePartition(position.partition())
        .setSourceOffset(position.offset());
  }

  /** A plain delete logs no partition (it removes the key from every one); neither does the mutation then. */
  private static String partition(String logged, ResolvedCollection target) {
    return target.partitionKey() || logged.isEmpty() ? null : logged;
  }

  private static List<Column> rowOf(List<Column> columns, int row) {
    return columns.stream().map(column -> WalColumns.selectRows(column, row)).toList();
  }

  private static Object key(WalKeys keys, int row) {
    if (keys instanceof WalKeys.Int64 int64) {
      return new PackedValues(LittleEndianPacker.packLongs(new long[] {int64.values().get(row)}));
    }
    return new StringValues(List.of(((WalKeys.Varchar) keys).values().get(row)));
  }
}
