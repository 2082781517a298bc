package dev.milvusmigrate.proxy;

import dev.milvusmigrate.milvus.api.AcknowledgedDelete;
import dev.milvusmigrate.milvus.api.AcknowledgedInsert;
import dev.milvusmigrate.milvus.api.AcknowledgedWrite;
import dev.milvusmigrate.milvus.wal.WalKeys;
import dev.milvusmigrate.schemas.avro.CollectionSchema;
import dev.milvusmigrate.schemas.avro.FieldSchema;
import dev.milvusmigrate.schemas.avro.PackedValues;
import dev.milvusmigrate.schemas.avro.PrimaryKeys;
import dev.milvusmigrate.schemas.avro.ProxyChange;
import dev.milvusmigrate.schemas.avro.ProxyChangeKind;
import dev.milvusmigrate.schemas.avro.StringValues;
import dev.milvusmigrate.schemas.columns.LittleEndianPacker;
import java.util.List;

/** The change record of an acknowledged write, its rows read with the collection's schema; the log numbers it. */
final class ChangeRecords {

  private ChangeRecords() {}

  /**
   * @throws IllegalStateException when the source did not name a delete's keys (Milvus 2.3.5 returns
   *     only the count); {@link dev.milvusmigrate.milvus.api.UnreadableWrite} when rows contradict the schema
   */
  static ProxyChange.Builder of(AcknowledgedWrite write, CollectionSchema schema) {
    ProxyChange.Builder change = ProxyChange.newBuilder().setSequence(0).setDatabase(write.database())
        .setCollection(write.collection()).setPartition(write.partition()).setSourceTs(write.timestamp());
    if (write instanceof AcknowledgedInsert insert) {
      return change.setKind(insert.upsert() ? ProxyChangeKind.UPSERT : ProxyChangeKind.INSERT)
          .setRowCount(insert.rows()).setColumns(insert.columns().read(schema));
    }
    AcknowledgedDelete delete = (AcknowledgedDelete) write;
    WalKeys keys = delete.keys().orElseThrow(() -> new IllegalStateException("The source did not name the keys of the"
        + " delete from " + delete.collection() + " (" + delete.filter() + "), so the proxy cannot record it."));
    return change.setKind(ProxyChangeKind.DELETE).setRowCount(keys.size())
        .setPrimaryKeys(new PrimaryKeys(primaryKey(schema), packed(keys)));
  }

  /** The record of a write about to be forwarded. */
  static ProxyChange.Builder intent(Intent intent) {
    return named(ProxyChangeKind.INTENT, intent);
  }

  /**
   * The record of a write whose outcome is not known: the source may or may not have applied it;
   * capture reads the current state of its keys from the source.
   */
  static ProxyChange.Builder unknown(Intent intent, long intentSequence) {
    return named(ProxyChangeKind.UNKNOWN, intent).setIntent(intentSequence);
  }

  /** The UNKNOWN record of an intent an earlier run of the proxy left without an outcome. */
  static ProxyChange.Builder unknown(ProxyChange intent) {
    return ProxyChange.newBuilder(intent).setSequence(0).setKind(ProxyChangeKind.UNKNOWN)
        .setIntent(intent.getSequence());
  }

  /** The record of a write that changed nothing: the source refused it, or it matched nothing. */
  static ProxyChange.Builder unchanged(Intent intent, long intentSequence) {
    return ProxyChange.newBuilder().setSequence(0).setKind(ProxyChangeKind.UNCHANGED)
        .setDatabase(intent.database()).setCollection(intent.collection()).setPartition(intent.partition())
        .setRowCount(0).setSourceTs(0).setIntent(intentSequence);
  }

  private static ProxyChange.Builder named(ProxyChangeKind kind, Intent intent) {
    return ProxyChange.newBuilder().setSequence(0).setKind(kind).setDatabase(intent.database())
        .setCollection(intent.collection()).setPartition(intent.partition()).setRowCount(intent.rows())
        .setSourceTs(0).setPrimaryKeys(intent.keys().map(keys -> new PrimaryKeys(intent.primaryKeyField(),
            packed(keys))).orElse(null));
  }

  /** The name of the collection's primary key field. */
  static String primaryKey(CollectionSchema schema) {
    return schema.getFields().stream().filter(FieldSchema::getIsPrimaryKey).map(FieldSchema::getName).findFirst()
        .orElseThrow(() -> new IllegalStateException("The schema of " + schema.getCollection() + " has no primary key."));
  }

  private static Object packed(WalKeys keys) {
    if (keys instanceof WalKeys.Int64 ints) {
      return new PackedValues(LittleEndianPacker.packLongs(ints.values().stream().mapToLong(Long::longValue)
          .toArray()));
    }
    return new StringValues(List.copyOf(((WalKeys.Varchar) keys).values()));
  }
}
