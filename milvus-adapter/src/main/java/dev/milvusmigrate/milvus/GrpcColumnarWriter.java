package dev.milvusmigrate.milvus;

import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.milvus.MilvusAccessException.Kind;
import dev.milvusmigrate.schemas.avro.Column;
import dev.milvusmigrate.schemas.avro.PrimaryKeys;
import io.milvus.grpc.DeleteRequest;
import io.milvus.grpc.FieldData;
import io.milvus.grpc.InsertRequest;
import io.milvus.grpc.MutationResult;
import io.milvus.grpc.UpsertRequest;
import java.util.List;

/**
 * {@link ColumnarWriter} over the raw insert, upsert and delete RPCs. On a server without Upsert
 * (Milvus before 2.3) an upsert is a delete of the rows' keys followed by their insert: what
 * Upsert does inside newer servers, idempotent the same way (replaying both leaves one entity per
 * key), but not atomic: between the two calls readers miss those entities, and a write that fails
 * after the delete leaves them missing until it is retried or replayed.
 */
final class GrpcColumnarWriter implements ColumnarWriter {

  private final GrpcCalls calls;
  private final CollectionInfos infos;
  private final ServerInfo server;

  GrpcColumnarWriter(GrpcCalls calls, CollectionInfos infos, ServerInfo server) {
    this.calls = calls;
    this.infos = infos;
    this.server = server;
  }

  @Override
  public void write(Mode mode, CollectionName collection, String partition, List<Column> columns,
      int rowCount) {
    CollectionInfo info = infos.of(collection);
    if (mode == Mode.UPSERT && !server.upserts()) {
      delete(collection, partition, keysOf(columns, info.primaryKeyField()));
      write(Mode.INSERT, collection, partition, columns, rowCount);
      return;
    }
    List<FieldData> fields = columns.stream()
        .filter(column -> !info.functionOutputs().contains(column.getFieldName()))
        .map(FieldDataCodec::toFieldData).toList();
    String action = (mode == Mode.INSERT ? "insert " : "upsert ") + rowCount + " rows into "
        + GrpcCatalog.named(collection);
    MutationResult result = mode == Mode.INSERT
        ? calls.call(action, stub -> stub.insert(insert(collection, partition, fields, rowCount)),
            MutationResult::getStatus)
        : calls.call(action, stub -> stub.upsert(upsert(collection, partition, fields, rowCount)),
            MutationResult::getStatus);
    long written = mode == Mode.INSERT ? result.getInsertCnt() : result.getUpsertCnt();
    if (written != rowCount) {
      throw StatusTranslator.build(Kind.SERVER_ERROR, calls.serverLabel(), action,
          "it acknowledged " + written + " of " + rowCount + " rows", null);
    }
  }

  @Override
  public void delete(CollectionName collection, String partition, PrimaryKeys keys) {
    DeleteRequest.Builder request = DeleteRequest.newBuilder().setDbName(collection.database())
        .setCollectionName(collection.collection()).setExpr(Expressions.in(keys));
    if (partition != null) {
      request.setPartitionName(partition);
    }
    calls.call("delete by key from " + GrpcCatalog.named(collection),
        stub -> stub.delete(request.build()), MutationResult::getStatus);
  }

  private PrimaryKeys keysOf(List<Column> columns, String primaryKeyField) {
    Column keys = columns.stream().filter(column -> column.getFieldName().equals(primaryKeyField)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("the rows have no primary key column " + primaryKeyField));
    return PrimaryKeys.newBuilder().setFieldName(primaryKeyField).setKeys(keys.getValues()).build();
  }

  private static InsertRequest insert(CollectionName collection, String partition, List<FieldData> fields,
      int rowCount) {
    InsertRequest.Builder request = InsertRequest.newBuilder().setDbName(collection.database())
        .setCollectionName(collection.collection())
        .addAllFieldsData(fields).setNumRows(rowCount);
    if (partition != null) {
      request.setPartitionName(partition);
    }
    return request.build();
  }

  private static UpsertRequest upsert(CollectionName collection, String partition, List<FieldData> fields,
      int rowCount) {
    UpsertRequest.Builder request = UpsertRequest.newBuilder().setDbName(collection.database())
        .setCollectionName(collection.collection())
        .addAllFieldsData(fields).setNumRows(rowCount);
    if (partition != null) {
      request.setPartitionName(partition);
    }
    return request.build();
  }
}
