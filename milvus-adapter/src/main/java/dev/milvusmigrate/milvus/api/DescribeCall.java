package dev.milvusmigrate.milvus.api;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.milvusmigrate.milvus.SchemaMapper;
import dev.milvusmigrate.schemas.avro.CollectionSchema;
import io.milvus.grpc.DescribeCollectionRequest;
import io.milvus.grpc.DescribeCollectionResponse;
import java.util.List;

/**
 * The DescribeCollection call the capture-proxy makes on the source, with the application's own
 * headers, to read the columns of a write it records: the request's bytes and the schema in the
 * answer's.
 */
public final class DescribeCall {

  public static final String METHOD = "milvus.proto.milvus.MilvusService/DescribeCollection";

  private DescribeCall() {}

  public static byte[] request(String database, String collection) {
    return DescribeCollectionRequest.newBuilder().setDbName(database).setCollectionName(collection).build()
        .toByteArray();
  }

  /**
   * The collection's fields as the source described them (partitions are not listed).
   *
   * @throws UnreadableWrite when the answer is not a description or the source refused
   */
  public static CollectionSchema schema(String database, String collection, byte[] response) {
    DescribeCollectionResponse described;
    try {
      described = DescribeCollectionResponse.parseFrom(response);
    } catch (InvalidProtocolBufferException e) {
      throw new UnreadableWrite("The description of " + collection + " is not a Milvus message: " + e.getMessage(), e);
    }
    if (described.getStatus().getCode() != 0 || described.getStatus().getErrorCodeValue() != 0) {
      throw new UnreadableWrite("The source did not describe " + database + "." + collection + ": "
          + described.getStatus().getReason());
    }
    return SchemaMapper.fromDescription(database, described, List.of());
  }
}
