package dev.milvusmigrate.milvus.api;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.milvusmigrate.milvus.wal.WalKeys;
import io.milvus.grpc.DeleteRequest;
import io.milvus.grpc.FieldData;
import io.milvus.grpc.IDs;
import io.milvus.grpc.InsertRequest;
import io.milvus.grpc.MutationResult;
import io.milvus.grpc.UpsertRequest;
import java.util.List;
import java.util.Optional;

/**
 * Reads the Insert, Upsert and Delete calls of the Milvus gRPC service that the source answered
 * with success; every other call, and a write the source refused, is no change. The database is
 * the request's, else the connection's {@code dbname} header, else {@code default}.
 */
public final class AcknowledgedWriteDecoder {

  private static final String SERVICE = "milvus.proto.milvus.MilvusService/";
  static final String INSERT = SERVICE + "Insert";
  static final String UPSERT = SERVICE + "Upsert";
  static final String DELETE = SERVICE + "Delete";
  private static final String DEFAULT_DATABASE = "default";

  /** Whether calls of this method may change data, so that the proxy keeps their bytes for {@link #decode}. */
  public static boolean isWrite(String fullMethodName) {
    return INSERT.equals(fullMethodName) || UPSERT.equals(fullMethodName) || DELETE.equals(fullMethodName);
  }

  /**
   * Whether the source answered the write with an error. That does not prove the write was not
   * applied: a Milvus whose log is unreachable answers with an error once its wait for the log
   * times out, while the message may still be queued and applied when the log is back.
   *
   * @throws UnreadableWrite when the bytes are not a write's response
   */
  public boolean refused(String fullMethodName, byte[] response) {
    MutationResult result = parse(fullMethodName, "response", () -> MutationResult.parseFrom(response));
    return result.getStatus().getCode() != 0 || result.getStatus().getErrorCodeValue() != 0;
  }

  /**
   * The change of one answered call; empty when it changed nothing.
   *
   * @param dbnameHeader the value of the call's {@code dbname} header, or null
   * @throws UnreadableWrite when the bytes are not what the method sends and returns
   */
  public Optional<AcknowledgedWrite> decode(String fullMethodName, String dbnameHeader, byte[] request,
      byte[] response) {
    if (!isWrite(fullMethodName)) {
      return Optional.empty();
    }
    if (refused(fullMethodName, response)) {
      return Optional.empty();
    }
    MutationResult result = parse(fullMethodName, "response", () -> MutationResult.parseFrom(response));
    return Optional.of(switch (fullMethodName) {
      case INSERT -> {
        InsertRequest insert = parse(fullMethodName, "request", () -> InsertRequest.parseFrom(request));
        yield inserted(database(insert.getDbName(), dbnameHeader), insert.getCollectionName(),
            insert.getPartitionName(), false, insert.getNumRows(), insert.getFieldsDataList(), result);
      }
      case UPSERT -> {
        UpsertRequest upsert = parse(fullMethodName, "request", () -> UpsertRequest.parseFrom(request));
        yield inserted(database(upsert.getDbName(), dbnameHeader), upsert.getCollectionName(),
            upsert.getPartitionName(), true, upsert.getNumRows(), upsert.getFieldsDataList(), result);
      }
      default -> {
        DeleteRequest delete = parse(fullMethodName, "request", () -> DeleteRequest.parseFrom(request));
        yield new AcknowledgedDelete(database(delete.getDbName(), dbnameHeader), delete.getCollectionName(),
            delete.getPartitionName(), delete.getExpr(), namedKeys(result.getIDs()), result.getDeleteCnt(),
            result.getTimestamp());
      }
    });
  }

  private static AcknowledgedInsert inserted(String database, String collection, String partition, boolean upsert,
      int rows, List<FieldData> fields, MutationResult result) {
    WalKeys keys = keys(result.getIDs()).orElseThrow(() -> new UnreadableWrite("The source acknowledged a write"
        + " into " + collection + " without returning its primary keys."));
    if (keys.size() != rows) {
      throw new UnreadableWrite("The source returned " + keys.size() + " primary keys for " + rows
          + " rows written into " + collection + ".");
    }
    return new AcknowledgedInsert(database, collection, partition, upsert, rows, keys, result.getTimestamp(),
        new RequestColumns(fields, keys, rows));
  }

  /** The keys a delete's answer names; Milvus 2.3.5 answers an empty list, which names none. */
  private static Optional<WalKeys> namedKeys(IDs ids) {
    return keys(ids).filter(keys -> keys.size() > 0);
  }

  private static Optional<WalKeys> keys(IDs ids) {
    return switch (ids.getIdFieldCase()) {
      case INT_ID -> Optional.of(new WalKeys.Int64(ids.getIntId().getDataList()));
      case STR_ID -> Optional.of(new WalKeys.Varchar(ids.getStrId().getDataList()));
      default -> Optional.empty();
    };
  }

  static String database(String fromRequest, String dbnameHeader) {
    if (!fromRequest.isEmpty()) {
      return fromRequest;
    }
    return dbnameHeader == null || dbnameHeader.isEmpty() ? DEFAULT_DATABASE : dbnameHeader;
  }

  private interface Parser<T> {
    T parse() throws InvalidProtocolBufferException;
  }

  private static <T> T parse(String method, String what, Parser<T> parser) {
    try {
      return parser.parse();
    } catch (InvalidProtocolBufferException e) {
      throw new UnreadableWrite("The " + what + " of a call of " + method + " is not a Milvus message: "
          + e.getMessage(), e);
    }
  }
}
