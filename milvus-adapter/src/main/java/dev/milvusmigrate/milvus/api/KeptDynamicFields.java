package dev.milvusmigrate.milvus.api;

import com.google.protobuf.ByteString;
import dev.milvusmigrate.milvus.wal.WalKeys;
import dev.milvusmigrate.schemas.avro.CollectionSchema;
import dev.milvusmigrate.schemas.avro.FieldSchema;
import io.milvus.grpc.DataType;
import io.milvus.grpc.FieldData;
import io.milvus.grpc.JSONArray;
import io.milvus.grpc.QueryResults;
import io.milvus.grpc.ScalarField;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The dynamic fields of an upsert that carries none into a collection that has them (the pymilvus
 * ORM's column-based upsert sends no {@code $meta} column). What the source then stores differs:
 * Milvus Lite 3.2.2 keeps the dynamic fields each entity had before, so the record cannot take
 * them from the request. The proxy reads them back from the source, while it still holds the
 * upsert's keys so that no other write comes between, and records what it read.
 */
public final class KeptDynamicFields {

  private KeptDynamicFields() {}

  /**
   * The Strong queries that read the upserted entities' dynamic fields back, at most {@code window}
   * keys each; none when the write is not an upsert, carries its dynamic fields, or the collection
   * has none.
   */
  public static List<byte[]> queries(AcknowledgedInsert upsert, CollectionSchema schema, int window) {
    if (!upsert.upsert() || !hasDynamicFields(schema) || !(upsert.columns() instanceof RequestColumns columns)
        || columns.carriesDynamicFields()) {
      return List.of();
    }
    String key = primaryKey(schema);
    List<?> keys = upsert.keys().values();
    List<byte[]> queries = new ArrayList<>();
    for (int start = 0; start < keys.size(); start += window) {
      List<?> part = keys.subList(start, Math.min(keys.size(), start + window));
      queries.add(FilterQuery.request(upsert.database(), upsert.collection(), key + " in " + literal(part),
          List.of(key, RequestColumns.DYNAMIC_FIELD), part.size()));
    }
    return queries;
  }

  /**
   * The upsert with the dynamic fields the answers to its {@link #queries} name, row by row.
   *
   * @throws UnreadableWrite when an answer is not query results or lacks an upserted key
   */
  public static AcknowledgedInsert read(AcknowledgedInsert upsert, CollectionSchema schema, List<byte[]> answers) {
    String key = primaryKey(schema);
    Map<Object, ByteString> stored = new HashMap<>();
    for (byte[] answer : answers) {
      QueryResults results = FilterQuery.results(upsert.collection(), answer);
      List<?> keys = results.getFieldsDataList().stream().filter(field -> field.getFieldName().equals(key))
          .findFirst().map(field -> FilterQuery.keys(field).values()).orElse(List.of());
      List<ByteString> values = results.getFieldsDataList().stream()
          .filter(field -> field.getIsDynamic() || RequestColumns.DYNAMIC_FIELD.equals(field.getFieldName()))
          .findFirst().map(field -> field.getScalars().getJsonData().getDataList()).orElse(List.of());
      for (int row = 0; row < keys.size(); row++) {
        stored.put(keys.get(row), row < values.size() ? values.get(row) : ByteString.copyFromUtf8("{}"));
      }
    }
    List<ByteString> rows = new ArrayList<>();
    for (Object upserted : upsert.keys().values()) {
      ByteString value = stored.get(upserted);
      if (value == null) {
        throw new UnreadableWrite("The source acknowledged the upsert of key " + upserted + " into "
            + upsert.collection() + " but does not find it right after.");
      }
      rows.add(value);
    }
    FieldData dynamic = FieldData.newBuilder().setFieldName(RequestColumns.DYNAMIC_FIELD).setType(DataType.JSON)
        .setIsDynamic(true).setScalars(ScalarField.newBuilder().setJsonData(JSONArray.newBuilder().addAllData(rows)))
        .build();
    return new AcknowledgedInsert(upsert.database(), upsert.collection(), upsert.partition(), true, upsert.rows(),
        upsert.keys(), upsert.timestamp(), ((RequestColumns) upsert.columns()).with(dynamic));
  }

  private static boolean hasDynamicFields(CollectionSchema schema) {
    return schema.getEnableDynamicField() || schema.getFields().stream().anyMatch(FieldSchema::getIsDynamic);
  }

  private static String primaryKey(CollectionSchema schema) {
    return schema.getFields().stream().filter(FieldSchema::getIsPrimaryKey).map(FieldSchema::getName).findFirst()
        .orElseThrow(() -> new UnreadableWrite("The schema of " + schema.getCollection() + " has no primary key."));
  }

  /** The keys as an expression's list: numbers as they are, strings quoted with their quotes escaped. */
  static String literal(List<?> keys) {
    return keys.stream().map(key -> key instanceof String text
        ? "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"" : key.toString())
        .collect(Collectors.joining(", ", "[", "]"));
  }
}
