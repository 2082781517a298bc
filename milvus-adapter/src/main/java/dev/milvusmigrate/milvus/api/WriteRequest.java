package dev.milvusmigrate.milvus.api;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.milvusmigrate.milvus.wal.WalKeys;
import io.milvus.grpc.DeleteRequest;
import io.milvus.grpc.FieldData;
import io.milvus.grpc.InsertRequest;
import io.milvus.grpc.UpsertRequest;
import java.util.List;
import java.util.Optional;

/**
 * A write call as the application sent it, read before it is forwarded, so that the proxy can
 * order it: where it writes and which keys it touches.
 */
public final class WriteRequest {

  private final String database;
  private final String collection;
  private final String partition;
  private final String filter;
  private final List<FieldData> fields;
  private final int rows;

  private WriteRequest(String database, String collection, String partition, String filter, List<FieldData> fields,
      int rows) {
    this.database = database;
    this.collection = collection;
    this.partition = partition;
    this.filter = filter;
    this.fields = fields;
    this.rows = rows;
  }

  /**
   * @param dbnameHeader the value of the call's {@code dbname} header, or null
   * @throws UnreadableWrite when the bytes are not a request of the write method
   */
  public static WriteRequest read(String fullMethodName, String dbnameHeader, byte[] request) {
    try {
      return switch (fullMethodName) {
        case AcknowledgedWriteDecoder.INSERT -> {
          InsertRequest insert = InsertRequest.parseFrom(request);
          yield new WriteRequest(AcknowledgedWriteDecoder.database(insert.getDbName(), dbnameHeader),
              insert.getCollectionName(), insert.getPartitionName(), null, insert.getFieldsDataList(),
              insert.getNumRows());
        }
        case AcknowledgedWriteDecoder.UPSERT -> {
          UpsertRequest upsert = UpsertRequest.parseFrom(request);
          yield new WriteRequest(AcknowledgedWriteDecoder.database(upsert.getDbName(), dbnameHeader),
              upsert.getCollectionName(), upsert.getPartitionName(), null, upsert.getFieldsDataList(),
              upsert.getNumRows());
        }
        case AcknowledgedWriteDecoder.DELETE -> {
          DeleteRequest delete = DeleteRequest.parseFrom(request);
          yield new WriteRequest(AcknowledgedWriteDecoder.database(delete.getDbName(), dbnameHeader),
              delete.getCollectionName(), delete.getPartitionName(), delete.getExpr(), List.of(), 0);
        }
        default -> throw new UnreadableWrite(fullMethodName + " is not a write method.");
      };
    } catch (InvalidProtocolBufferException e) {
      throw new UnreadableWrite("The request of a call of " + fullMethodName + " is not a Milvus message: "
          + e.getMessage(), e);
    }
  }

  public String database() {
    return database;
  }

  public String collection() {
    return collection;
  }

  /** The partition the request named; empty for the default partition or a partition key. */
  public String partition() {
    return partition;
  }

  /** The filter expression of a delete; empty for an insert or upsert. */
  public Optional<String> filter() {
    return Optional.ofNullable(filter);
  }

  /** The rows an insert or upsert carries; 0 for a delete. */
  public int rows() {
    return rows;
  }

  /** The primary keys an insert or upsert carries in {@code primaryKeyField}; empty when it has none (auto id). */
  public Optional<WalKeys> keys(String primaryKeyField) {
    return fields.stream().filter(field -> field.getFieldName().equals(primaryKeyField)).findFirst()
        .map(FilterQuery::keys);
  }
}
