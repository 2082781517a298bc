package dev.milvusmigrate.milvus;

import dev.milvusmigrate.schemas.avro.CollectionSchema;
import dev.milvusmigrate.schemas.avro.ConsistencyLevel;
import dev.milvusmigrate.schemas.avro.FieldSchema;
import dev.milvusmigrate.schemas.avro.FunctionSchema;
import dev.milvusmigrate.schemas.avro.FunctionType;
import io.milvus.grpc.CreateCollectionRequest;
import io.milvus.grpc.DescribeCollectionResponse;
import java.util.List;
import java.util.Set;

/**
 * Collection schemas: Milvus's describe response to the Avro {@link CollectionSchema} and the
 * Avro schema to a create request, with every field attribute, function and property.
 */
public final class SchemaMapper {

  /** Fields Milvus keeps for itself (ids 0 and 1); older servers list them in describe. */
  private static final Set<String> SYSTEM_FIELDS = Set.of("RowID", "Timestamp");
  private static final long FIRST_USER_FIELD_ID = 100;

  private SchemaMapper() {}

  public static CollectionSchema fromDescription(String database, DescribeCollectionResponse described,
      List<String> partitions) {
    io.milvus.grpc.CollectionSchema schema = described.getSchema();
    List<FieldSchema> fields = schema.getFieldsList().stream()
        .filter(field -> field.getFieldID() >= FIRST_USER_FIELD_ID || !SYSTEM_FIELDS.contains(field.getName()))
        .map(FieldMapper::toAvro)
        .toList();
    boolean partitionKey = fields.stream().anyMatch(FieldSchema::getIsPartitionKey);
    return CollectionSchema.newBuilder()
        .setDatabase(database)
        .setCollection(schema.getName())
        .setDescription(schema.getDescription())
        .setFields(fields)
        .setEnableDynamicField(schema.getEnableDynamicField())
        .setFunctions(schema.getFunctionsList().stream().map(SchemaMapper::toAvro).toList())
        .setProperties(KeyValues.toMap(described.getPropertiesList()))
        .setShardsNum(described.getShardsNum())
        .setConsistencyLevel(toAvro(described.getConsistencyLevel()))
        .setPartitions(partitionKey ? List.of() : partitions)
        .setNumPartitions(partitionKey ? numPartitions(described, partitions) : null)
        .setSourceCollectionId(described.getCollectionID() == 0 ? null : described.getCollectionID())
        .setCreatedTs(described.getCreatedTimestamp() == 0 ? null : described.getCreatedTimestamp())
        .build();
  }

  /** 2.3 servers do not report the count; their generated partitions are listed instead. */
  private static int numPartitions(DescribeCollectionResponse described, List<String> partitions) {
    return described.getNumPartitions() > 0 ? (int) described.getNumPartitions() : partitions.size();
  }

  /**
   * The proto schema of every field, the dynamic field {@code $meta} included; {@link
   * #toCreateRequest} leaves that one out because servers add it themselves.
   */
  static io.milvus.grpc.CollectionSchema toProto(CollectionSchema schema) {
    return io.milvus.grpc.CollectionSchema.newBuilder()
        .setName(schema.getCollection())
        .setDescription(schema.getDescription())
        .setEnableDynamicField(schema.getEnableDynamicField())
        .addAllFields(schema.getFields().stream().map(FieldMapper::toProto).toList())
        .addAllFunctions(schema.getFunctions().stream().map(SchemaMapper::toProto).toList())
        .build();
  }

  static CreateCollectionRequest toCreateRequest(String database, CollectionSchema schema) {
    io.milvus.grpc.CollectionSchema proto = toProto(schema);
    io.milvus.grpc.CollectionSchema withoutDynamic = proto.toBuilder()
        .clearFields()
        .addAllFields(proto.getFieldsList().stream().filter(field -> !field.getIsDynamic())
            .map(field -> field.toBuilder().clearFieldID().build()).toList())
        .build();
    CreateCollectionRequest.Builder request = CreateCollectionRequest.newBuilder()
        .setDbName(database)
        .setCollectionName(schema.getCollection())
        .setSchema(withoutDynamic.toByteString())
        .setShardsNum(schema.getShardsNum())
        .setConsistencyLevel(toProto(schema.getConsistencyLevel()))
        .addAllProperties(KeyValues.toPairs(schema.getProperties()));
    if (schema.getNumPartitions() != null) {
      request.setNumPartitions(schema.getNumPartitions());
    }
    return request.build();
  }

  static FunctionSchema toAvro(io.milvus.grpc.FunctionSchema function) {
    return FunctionSchema.newBuilder()
        .setName(function.getName())
        .setDescription(function.getDescription())
        .setType(toAvro(function.getType()))
        .setInputFieldNames(List.copyOf(function.getInputFieldNamesList()))
        .setOutputFieldNames(List.copyOf(function.getOutputFieldNamesList()))
        .setParams(KeyValues.toMap(function.getParamsList()))
        .build();
  }

  static io.milvus.grpc.FunctionSchema toProto(FunctionSchema function) {
    return io.milvus.grpc.FunctionSchema.newBuilder()
        .setName(function.getName())
        .setDescription(function.getDescription())
        .setType(toProto(function.getType()))
        .addAllInputFieldNames(function.getInputFieldNames())
        .addAllOutputFieldNames(function.getOutputFieldNames())
        .addAllParams(KeyValues.toPairs(function.getParams()))
        .build();
  }

  private static FunctionType toAvro(io.milvus.grpc.FunctionType type) {
    return switch (type) {
      case BM25 -> FunctionType.BM25;
      case TextEmbedding -> FunctionType.TEXT_EMBEDDING;
      case Rerank -> FunctionType.RERANK;
      default -> FunctionType.UNKNOWN;
    };
  }

  private static io.milvus.grpc.FunctionType toProto(FunctionType type) {
    return switch (type) {
      case BM25 -> io.milvus.grpc.FunctionType.BM25;
      case TEXT_EMBEDDING -> io.milvus.grpc.FunctionType.TextEmbedding;
      case RERANK -> io.milvus.grpc.FunctionType.Rerank;
      case UNKNOWN -> io.milvus.grpc.FunctionType.Unknown;
    };
  }

  private static ConsistencyLevel toAvro(io.milvus.grpc.ConsistencyLevel level) {
    return switch (level) {
      case Strong -> ConsistencyLevel.STRONG;
      case Session -> ConsistencyLevel.SESSION;
      case Eventually -> ConsistencyLevel.EVENTUALLY;
      case Customized -> ConsistencyLevel.CUSTOMIZED;
      default -> ConsistencyLevel.BOUNDED;
    };
  }

  static io.milvus.grpc.ConsistencyLevel toProto(ConsistencyLevel level) {
    return switch (level) {
      case STRONG -> io.milvus.grpc.ConsistencyLevel.Strong;
      case SESSION -> io.milvus.grpc.ConsistencyLevel.Session;
      case BOUNDED -> io.milvus.grpc.ConsistencyLevel.Bounded;
      case EVENTUALLY -> io.milvus.grpc.ConsistencyLevel.Eventually;
      case CUSTOMIZED -> io.milvus.grpc.ConsistencyLevel.Customized;
    };
  }
}
