package dev.milvusmigrate.capture;

import dev.milvusmigrate.milvus.WalColumns;
import dev.milvusmigrate.milvus.wal.WalDelete;
import dev.milvusmigrate.milvus.wal.WalInsert;
import dev.milvusmigrate.schemas.avro.Column;
import dev.milvusmigrate.schemas.avro.Mutation;
import dev.milvusmigrate.schemas.avro.MutationOp;
import dev.milvusmigrate.schemas.avro.PackedValues;
import dev.milvusmigrate.schemas.avro.PrimaryKeys;
import dev.milvusmigrate.schemas.avro.ProxyChange;
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

  public String jobId() {
    return jobId;
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
    List<Object> keys = RowKeys.of(delete.keys());
    return IntStream.range(0, keys.size())
        .mapToObj(row -> delete(delete.timestamps().get(row), delete.partitionName(), keys.get(row), target, position))
        .toList();
  }

  /**
   * The rows an insert or upsert through the capture-proxy wrote, each with the proxy's timestamp
   * of the record (an upsert is applied as a whole entity, like every insert).
   */
  public List<Mutation> proxyRows(ProxyChange change, ResolvedCollection target, WalPosition position) {
    return IntStream.range(0, change.getRowCount())
        .mapToObj(row -> envelope(MutationOp.INSERT, change.getTs(), target, position)
            .setPartition(partition(change.getPartition(), target))
            .setColumns(rowOf(change.getColumns(), row))
            .build())
        .toList();
  }

  /**
   * Deletes of keys through the capture-proxy, each with the proxy's timestamp of the record.
   *
   * @param partition the partition they are deleted from; empty for every partition
   */
  public List<Mutation> proxyDeletes(ProxyChange change, List<Object> keys, String partition,
      ResolvedCollection target, WalPosition position) {
    return keys.stream().map(key -> delete(change.getTs(), partition, key, target, position)).toList();
  }

  private Mutation delete(long timestamp, String partition, Object key, ResolvedCollection target,
      WalPosition position) {
    return envelope(MutationOp.DELETE, timestamp, target, position)
        .setPartition(partition(partition, target))
        .setPrimaryKeys(new PrimaryKeys(target.primaryKeyField(), packed(key)))
        .build();
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

  private static Object packed(Object key) {
    if (key instanceof Long number) {
      return new PackedValues(LittleEndianPacker.packLongs(new long[] {number}));
    }
    return new StringValues(List.of((String) key));
  }
}
