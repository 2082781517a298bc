package dev.milvusmigrate.milvus;

import dev.milvusmigrate.schemas.avro.DataType;
import dev.milvusmigrate.schemas.avro.FieldSchema;
import io.milvus.grpc.KeyValuePair;
import java.util.LinkedHashMap;
import java.util.Map;

/** One field of a collection schema, protobuf to Avro and back, every attribute included. */
final class FieldMapper {

  static final String DIM = "dim";
  static final String MAX_LENGTH = "max_length";
  static final String MAX_CAPACITY = "max_capacity";

  private FieldMapper() {}

  static FieldSchema toAvro(io.milvus.grpc.FieldSchema field) {
    Map<String, String> params = new LinkedHashMap<>(KeyValues.toMap(field.getTypeParamsList()));
    DataType elementType = field.getDataType() == io.milvus.grpc.DataType.Array
        ? DataTypes.toAvro(field.getElementType()) : null;
    return FieldSchema.newBuilder()
        .setFieldId(field.getFieldID() == 0 ? null : field.getFieldID())
        .setName(field.getName())
        .setDescription(field.getDescription())
        .setDataType(DataTypes.toAvro(field.getDataType()))
        .setElementType(elementType)
        .setMaxLength(intParam(params.remove(MAX_LENGTH)))
        .setMaxCapacity(intParam(params.remove(MAX_CAPACITY)))
        .setDim(intParam(params.remove(DIM)))
        .setIsPrimaryKey(field.getIsPrimaryKey())
        .setAutoId(field.getAutoID())
        .setNullable(field.getNullable())
        .setDefaultValue(field.hasDefaultValue() ? DefaultValues.toAvro(field.getDefaultValue()) : null)
        .setIsPartitionKey(field.getIsPartitionKey())
        .setIsClusteringKey(field.getIsClusteringKey())
        .setIsDynamic(field.getIsDynamic())
        .setIsFunctionOutput(field.getIsFunctionOutput())
        .setTypeParams(params)
        .build();
  }

  static io.milvus.grpc.FieldSchema toProto(FieldSchema field) {
    io.milvus.grpc.FieldSchema.Builder builder = io.milvus.grpc.FieldSchema.newBuilder()
        .setName(field.getName())
        .setDescription(field.getDescription())
        .setDataType(DataTypes.toProto(field.getDataType()))
        .setIsPrimaryKey(field.getIsPrimaryKey())
        .setAutoID(field.getAutoId())
        .setNullable(field.getNullable())
        .setIsPartitionKey(field.getIsPartitionKey())
        .setIsClusteringKey(field.getIsClusteringKey())
        .setIsDynamic(field.getIsDynamic())
        .setIsFunctionOutput(field.getIsFunctionOutput())
        .addAllTypeParams(typeParams(field));
    if (field.getFieldId() != null) {
      builder.setFieldID(field.getFieldId());
    }
    if (field.getElementType() != null) {
      builder.setElementType(DataTypes.toProto(field.getElementType()));
    }
    if (field.getDefaultValue() != null) {
      builder.setDefaultValue(DefaultValues.toProto(field.getDefaultValue(), field.getDataType()));
    }
    return builder.build();
  }

  private static Iterable<KeyValuePair> typeParams(FieldSchema field) {
    Map<String, String> params = new LinkedHashMap<>();
    putIfSet(params, DIM, field.getDim());
    putIfSet(params, MAX_LENGTH, field.getMaxLength());
    putIfSet(params, MAX_CAPACITY, field.getMaxCapacity());
    params.putAll(field.getTypeParams());
    return KeyValues.toPairs(params);
  }

  private static void putIfSet(Map<String, String> params, String key, Integer value) {
    if (value != null) {
      params.put(key, value.toString());
    }
  }

  private static Integer intParam(String value) {
    return value == null ? null : Integer.valueOf(value.strip());
  }
}
