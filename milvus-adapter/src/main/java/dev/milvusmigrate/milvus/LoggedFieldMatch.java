package dev.milvusmigrate.milvus;

import dev.milvusmigrate.schemas.avro.CollectionSchema;
import dev.milvusmigrate.schemas.avro.DataType;
import dev.milvusmigrate.schemas.avro.FieldSchema;
import io.milvus.grpc.FieldData;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Which schema field each logged column is. Clients name a column by field name (pymilvus, the
 * SDKs), the server adds the field id (2.3 and later) or not; the dynamic column is the one named
 * {@code $meta} or flagged dynamic. Names and ids must agree with the schema.
 */
final class LoggedFieldMatch {

  private final CollectionSchema schema;
  private final List<FieldSchema> fields;
  private final FieldSchema dynamic;

  LoggedFieldMatch(CollectionSchema schema) {
    this.schema = schema;
    this.fields = schema.getFields().stream().filter(field -> !field.getIsDynamic()).toList();
    this.dynamic = schema.getFields().stream().filter(FieldSchema::getIsDynamic).findFirst()
        .orElse(schema.getEnableDynamicField() ? dynamicField() : null);
  }

  /** The schema's fields, the dynamic one last (if the collection has one). */
  List<FieldSchema> fields() {
    return dynamic == null ? fields : Stream.concat(fields.stream(), Stream.of(dynamic)).toList();
  }

  /** Each logged column under the schema field it is. */
  Map<FieldSchema, FieldData> match(List<FieldData> logged) {
    Map<FieldSchema, FieldData> matched = new IdentityHashMap<>();
    for (FieldData data : logged) {
      FieldSchema field = fieldOf(data);
      if (matched.put(field, data) != null) {
        throw new SchemaMismatch(schema, "the record holds two columns for field '" + field.getName() + "'");
      }
    }
    return matched;
  }

  private FieldSchema fieldOf(FieldData data) {
    if (data.getIsDynamic() || FieldDataCodec.DYNAMIC_FIELD.equals(data.getFieldName())) {
      if (dynamic == null) {
        throw new SchemaMismatch(schema, "the record holds dynamic fields ($meta) but the collection has no dynamic"
            + " field");
      }
      return dynamic;
    }
    FieldSchema field = (data.getFieldName().isEmpty() ? byId(data.getFieldId()) : byName(data.getFieldName()))
        .orElseThrow(() -> new SchemaMismatch(schema, "the record holds a column for field " + label(data)
            + ", which the collection does not have"));
    if (data.getFieldId() != 0 && field.getFieldId() != null && data.getFieldId() != field.getFieldId()) {
      throw new SchemaMismatch(schema, "field '" + field.getName() + "' has id " + field.getFieldId()
          + " in the schema but " + data.getFieldId() + " in the record");
    }
    return field;
  }

  private Optional<FieldSchema> byName(String name) {
    return fields.stream().filter(field -> field.getName().equals(name)).findFirst();
  }

  private Optional<FieldSchema> byId(long id) {
    return fields.stream().filter(field -> Objects.equals(field.getFieldId(), id)).findFirst();
  }

  private static String label(FieldData data) {
    return data.getFieldName().isEmpty() ? "id " + data.getFieldId() : "'" + data.getFieldName() + "'";
  }

  /** Servers of 2.3 and later describe no {@code $meta} field; the schema's flag says it exists. */
  private static FieldSchema dynamicField() {
    return FieldSchema.newBuilder().setName(FieldDataCodec.DYNAMIC_FIELD).setDataType(DataType.JSON)
        .setIsDynamic(true).build();
  }
}
