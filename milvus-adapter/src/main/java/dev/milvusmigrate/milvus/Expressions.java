package dev.milvusmigrate.milvus;

import dev.milvusmigrate.schemas.avro.PackedValues;
import dev.milvusmigrate.schemas.avro.PrimaryKeys;
import dev.milvusmigrate.schemas.avro.StringValues;
import dev.milvusmigrate.schemas.columns.LittleEndianPacker;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Boolean expressions over the primary key, with string keys quoted and escaped. */
final class Expressions {

  private Expressions() {}

  /** Every row: both servers need a predicate (an empty one would need a limit on some). */
  static String allRows(String pkField, boolean varcharKey) {
    return varcharKey ? pkField + " >= \"\"" : pkField + " >= 0 || " + pkField + " < 0";
  }

  static String greaterThan(String pkField, Object afterPk) {
    return pkField + " > " + literal(afterPk);
  }

  static String in(PrimaryKeys keys) {
    Object values = keys.getKeys();
    String list = values instanceof PackedValues packed
        ? Arrays.stream(LittleEndianPacker.unpackLongs(packed.getData())).mapToObj(Long::toString)
            .collect(Collectors.joining(", "))
        : ((StringValues) values).getValues().stream().map(Expressions::quoted).collect(Collectors.joining(", "));
    return keys.getFieldName() + " in [" + list + "]";
  }

  static String literal(Object key) {
    if (key instanceof Long || key instanceof Integer) {
      return key.toString();
    }
    if (key instanceof CharSequence text) {
      return quoted(text.toString());
    }
    throw new IllegalArgumentException("a primary key must be a Long or a String, not " + key.getClass().getName());
  }

  static String quoted(String text) {
    return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
