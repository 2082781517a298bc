package dev.milvusmigrate.milvus.api;

import dev.milvusmigrate.milvus.WalColumns;
import dev.milvusmigrate.milvus.wal.InsertedColumns;
import dev.milvusmigrate.milvus.wal.WalKeys;
import dev.milvusmigrate.schemas.avro.CollectionSchema;
import dev.milvusmigrate.schemas.avro.Column;
import dev.milvusmigrate.schemas.avro.FieldSchema;
import io.milvus.grpc.DataType;
import io.milvus.grpc.FieldData;
import io.milvus.grpc.LongArray;
import io.milvus.grpc.ScalarField;
import io.milvus.grpc.StringArray;
import java.util.ArrayList;
import java.util.List;

/**
 * The columns of an insert or upsert request, read with the collection's schema; the key column
 * comes from the keys the source returned when the request has none (auto id).
 */
record RequestColumns(List<FieldData> fields, WalKeys keys, int rows) implements InsertedColumns {

  static final String DYNAMIC_FIELD = "$meta";

  RequestColumns {
    fields = List.copyOf(fields);
  }

  /** Whether the request carries the dynamic fields' column ({@code $meta}). */
  boolean carriesDynamicFields() {
    return fields.stream().anyMatch(field -> field.getIsDynamic() || DYNAMIC_FIELD.equals(field.getFieldName()));
  }

  /** These columns and one more. */
  RequestColumns with(FieldData column) {
    List<FieldData> all = new ArrayList<>(fields);
    all.add(column);
    return new RequestColumns(all, keys, rows);
  }

  @Override
  public List<Column> read(CollectionSchema schema) {
    FieldSchema primaryKey = schema.getFields().stream().filter(FieldSchema::getIsPrimaryKey).findFirst()
        .orElseThrow(() -> new UnreadableWrite("The schema of " + schema.getCollection() + " has no primary key."));
    List<FieldData> all = new ArrayList<>(fields);
    if (fields.stream().noneMatch(field -> field.getFieldName().equals(primaryKey.getName()))) {
      all.add(keyColumn(primaryKey.getName(), keys));
    }
    try {
      return WalColumns.toColumns(all, schema, rows);
    } catch (RuntimeException e) {
      throw new UnreadableWrite(e.getMessage(), e);
    }
  }

  private static FieldData keyColumn(String name, WalKeys keys) {
    FieldData.Builder column = FieldData.newBuilder().setFieldName(name);
    if (keys instanceof WalKeys.Int64 ints) {
      return column.setType(DataType.Int64)
          .setScalars(ScalarField.newBuilder().setLongData(LongArray.newBuilder().addAllData(ints.values()))).build();
    }
    return column.setType(DataType.VarChar).setScalars(ScalarField.newBuilder()
        .setStringData(StringArray.newBuilder().addAllData(((WalKeys.Varchar) keys).values()))).build();
  }
}
