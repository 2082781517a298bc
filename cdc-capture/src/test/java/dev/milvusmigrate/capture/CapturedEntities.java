package dev.milvusmigrate.capture;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import dev.milvusmigrate.schemas.avro.ArrayValues;
import dev.milvusmigrate.schemas.avro.Column;
import dev.milvusmigrate.schemas.avro.DataType;
import dev.milvusmigrate.schemas.avro.Mutation;
import dev.milvusmigrate.schemas.avro.MutationOp;
import dev.milvusmigrate.schemas.avro.PackedValues;
import dev.milvusmigrate.schemas.avro.RowBytesValues;
import dev.milvusmigrate.schemas.avro.StringValues;
import dev.milvusmigrate.schemas.columns.NullBitmap;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * The entities a stream of captured mutations leaves, per partition and key, as pymilvus returns
 * entities from a query ({@code compare_captured.py} compares them with the source): one JSON
 * value per field, the dynamic field's keys merged into the entity.
 */
final class CapturedEntities {

  private static final String DYNAMIC_FIELD = "$meta";

  private final Map<String, Map<Long, JsonObject>> byPartition = new TreeMap<>();

  /** Applies one mutation; a key's mutations must come in source order. */
  void apply(Mutation mutation) {
    long key = CaptureTestRows.key(mutation);
    if (mutation.getOp() == MutationOp.DELETE) {
      byPartition.forEach((partition, rows) -> {
        if (mutation.getPartition() == null || mutation.getPartition().equals(partition)) {
          rows.remove(key);
        }
      });
    } else {
      byPartition.computeIfAbsent(mutation.getPartition(), p -> new TreeMap<>()).put(key, entity(mutation));
    }
  }

  String toJson() {
    return new Gson().toJson(byPartition);
  }

  private static JsonObject entity(Mutation mutation) {
    JsonObject entity = new JsonObject();
    for (Column column : mutation.getColumns()) {
      JsonElement value = value(column);
      if (column.getFieldName().equals(DYNAMIC_FIELD)) {
        value.getAsJsonObject().entrySet().forEach(e -> entity.add(e.getKey(), e.getValue()));
      } else {
        entity.add(column.getFieldName(), value);
      }
    }
    return entity;
  }

  private static JsonElement value(Column column) {
    if (!NullBitmap.isValid(column.getValidity(), 0)) {
      return JsonNull.INSTANCE;
    }
    Object values = column.getValues();
    return switch (column.getDataType()) {
      case VARCHAR -> new JsonPrimitive(((StringValues) values).getValues().get(0));
      case JSON -> JsonParser.parseString(StandardCharsets.UTF_8.decode(
          ((RowBytesValues) values).getRows().get(0).duplicate()).toString());
      case ARRAY -> elements((ArrayValues) values);
      case FLOAT_VECTOR -> numbers(DataType.FLOAT, packed(values));
      default -> number(column.getDataType(), packed(values));
    };
  }

  private static JsonArray elements(ArrayValues arrays) {
    Object row = arrays.getRows().get(0);
    if (row instanceof StringValues strings) {
      JsonArray out = new JsonArray();
      strings.getValues().forEach(s -> out.add(s.toString()));
      return out;
    }
    return numbers(arrays.getElementType(), packed(row));
  }

  private static JsonArray numbers(DataType type, ByteBuffer in) {
    JsonArray out = new JsonArray();
    while (in.hasRemaining()) {
      out.add(number(type, in));
    }
    return out;
  }

  /** Reads one value of {@code type}; floats widen exactly to the double pymilvus shows. */
  private static JsonPrimitive number(DataType type, ByteBuffer in) {
    return switch (type) {
      case BOOL -> new JsonPrimitive(in.get() != 0);
      case INT8 -> new JsonPrimitive(in.get());
      case INT16 -> new JsonPrimitive(in.getShort());
      case INT32 -> new JsonPrimitive(in.getInt());
      case INT64 -> new JsonPrimitive(in.getLong());
      case FLOAT -> new JsonPrimitive((double) in.getFloat());
      case DOUBLE -> new JsonPrimitive(in.getDouble());
      default -> throw new IllegalArgumentException(type + " values are not compared here");
    };
  }

  private static ByteBuffer packed(Object values) {
    return ((PackedValues) values).getData().duplicate().order(ByteOrder.LITTLE_ENDIAN);
  }
}
