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

/** {@link ColumnarWriter} over the raw insert, upsert and delete RPCs. */
final class GrpcColumnarWriter implements ColumnarWriter {

  private final GrpcCalls calls;
  private final CollectionInfos infos;

  GrpcColumnarWriter(GrpcCalls calls, CollectionInfos infos) {
    this.calls = calls;
    this.infos = infos;
  }

  @Override
  public void write(Mode mode, CollectionName collection, String partition, List<Column> columns,
      int rowCount) {
    CollectionInfo info = infos.of(collection);
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
