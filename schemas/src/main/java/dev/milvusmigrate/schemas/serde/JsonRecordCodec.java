package dev.milvusmigrate.schemas.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Maps a generated record to plain JSON and back along its Avro schema: a record is an object with
 * the schema's snake_case field names, an enum its symbol, a nullable field its value or null. A
 * field missing from the JSON takes the schema's default; one without a default is required.
 * Fields the schema does not know are ignored, so older readers accept newer writers. Pure.
 */
final class JsonRecordCodec {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final SpecificData model;

  JsonRecordCodec(SpecificData model) {
    this.model = model;
  }

  JsonNode toJson(Object value, Schema schema) {
    return switch (schema.getType()) {
      case RECORD -> {
        ObjectNode object = NODES.objectNode();
        SpecificRecordBase record = (SpecificRecordBase) value;
        for (Schema.Field field : schema.getFields()) {
          object.set(field.name(), toJson(record.get(field.pos()), field.schema()));
        }
        yield object;
      }
      case UNION -> value == null ? NODES.nullNode()
          : toJson(value, schema.getTypes().get(model.resolveUnion(schema, value)));
      case ARRAY -> {
        ArrayNode array = NODES.arrayNode();
        ((List<?>) value).forEach(item -> array.add(toJson(item, schema.getElementType())));
        yield array;
      }
      case ENUM, STRING -> NODES.textNode(value.toString());
      case LONG -> NODES.numberNode((Long) value);
      case INT -> NODES.numberNode((Integer) value);
      case DOUBLE -> NODES.numberNode((Double) value);
      case BOOLEAN -> NODES.booleanNode((Boolean) value);
      case NULL -> NODES.nullNode();
      default -> throw new IllegalArgumentException("Avro type " + schema.getType() + " has no JSON mapping here.");
    };
  }

  /** The record the JSON describes; throws {@link IllegalArgumentException} naming the first field that does not fit. */
  Object fromJson(JsonNode node, Schema schema, String path) {
    switch (schema.getType()) {
      case RECORD -> {
        require(node.isObject(), path, "an object");
        SpecificRecordBase record = (SpecificRecordBase) model.newRecord(null, schema);
        for (Schema.Field field : schema.getFields()) {
          JsonNode child = node.get(field.name());
          String childPath = path.isEmpty() ? field.name() : path + "." + field.name();
          if (child == null) {
            require(field.hasDefaultValue(), childPath, "present (it is required)");
            record.put(field.pos(), model.deepCopy(field.schema(), model.getDefaultValue(field)));
          } else {
            record.put(field.pos(), fromJson(child, field.schema(), childPath));
          }
        }
        return record;
      }
      case UNION -> {
        if (node.isNull()) {
          require(schema.getTypes().stream().anyMatch(s -> s.getType() == Schema.Type.NULL), path, "not null");
          return null;
        }
        Schema value = schema.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).findFirst()
            .orElseThrow();
        return fromJson(node, value, path);
      }
      case ARRAY -> {
        require(node.isArray(), path, "an array");
        List<Object> items = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
          items.add(fromJson(node.get(i), schema.getElementType(), path + "[" + i + "]"));
        }
        return items;
      }
      case ENUM -> {
        require(node.isTextual() && schema.hasEnumSymbol(node.asText()), path,
            "one of " + String.join(", ", schema.getEnumSymbols()));
        return model.createEnum(node.asText(), schema);
      }
      case STRING -> {
        require(node.isTextual(), path, "a string");
        return node.asText();
      }
      case LONG -> {
        require(node.isIntegralNumber() && node.canConvertToLong(), path, "an integer");
        return node.longValue();
      }
      case INT -> {
        require(node.isIntegralNumber() && node.canConvertToInt(), path, "a 32-bit integer");
        return node.intValue();
      }
      case DOUBLE -> {
        require(node.isNumber(), path, "a number");
        return node.doubleValue();
      }
      case BOOLEAN -> {
        require(node.isBoolean(), path, "true or false");
        return node.booleanValue();
      }
      default -> throw new IllegalArgumentException("Avro type " + schema.getType() + " has no JSON mapping here.");
    }
  }

  private static void require(boolean holds, String path, String what) {
    if (!holds) {
      throw new IllegalArgumentException("field " + (path.isEmpty() ? "(the value)" : path) + " must be " + what);
    }
  }
}
