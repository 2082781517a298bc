package dev.milvusmigrate.schemas.columns;

import dev.milvusmigrate.schemas.avro.ArrayValues;
import dev.milvusmigrate.schemas.avro.Column;
import dev.milvusmigrate.schemas.avro.PackedValues;
import dev.milvusmigrate.schemas.avro.PrimaryKeys;
import dev.milvusmigrate.schemas.avro.RowBytesValues;
import dev.milvusmigrate.schemas.avro.StringValues;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Appends rows of columns to each other: the parts of one column, batches of the same fields
 * (e.g. one-row mutations into one write), or primary keys. Rows keep their order; a null bitmap
 * follows its rows.
 */
public final class ColumnConcatenation {

  private ColumnConcatenation() {}

  /** One column holding the rows of every part in order; every part must be the same field and type. */
  public static Column of(List<Column> parts) {
    Column first = parts.get(0);
    for (Column part : parts) {
      if (!part.getFieldName().equals(first.getFieldName()) || part.getDataType() != first.getDataType()) {
        throw new IllegalArgumentException("cannot append column " + part.getFieldName() + " (" + part.getDataType()
            + ") to column " + first.getFieldName() + " (" + first.getDataType() + ")");
      }
    }
    Object values = payloads(parts.stream().map(Column::getValues).toList());
    return Column.newBuilder(first).setValues(values).setValidity(validity(parts)).build();
  }

  /**
   * The rows of every batch in order, one column per field in the first batch's column order;
   * each batch must hold the same fields, in any order.
   */
  public static List<Column> rows(List<List<Column>> batches) {
    List<Map<String, Column>> byName = batches.stream().map(ColumnConcatenation::byName).toList();
    List<Column> joined = new ArrayList<>();
    for (Column column : batches.get(0)) {
      String field = column.getFieldName();
      joined.add(of(byName.stream().map(batch -> fieldOf(batch, field)).toList()));
    }
    for (Map<String, Column> batch : byName) {
      if (batch.size() != joined.size()) {
        throw new IllegalArgumentException("batches hold different fields: " + batch.keySet() + " and "
            + joined.stream().map(Column::getFieldName).toList());
      }
    }
    return joined;
  }

  /** The keys of every part in order; every part must name the same primary key field. */
  public static PrimaryKeys keys(List<PrimaryKeys> parts) {
    String field = parts.get(0).getFieldName();
    if (parts.stream().anyMatch(part -> !part.getFieldName().equals(field))) {
      throw new IllegalArgumentException("cannot append keys of different fields: "
          + parts.stream().map(PrimaryKeys::getFieldName).distinct().toList());
    }
    return new PrimaryKeys(field, payloads(parts.stream().map(PrimaryKeys::getKeys).toList()));
  }

  private static Object payloads(List<Object> payloads) {
    Object first = payloads.get(0);
    if (first instanceof PackedValues) {
      return new PackedValues(packed(payloads));
    }
    if (first instanceof StringValues) {
      return new StringValues(joined(payloads, StringValues.class, StringValues::getValues));
    }
    if (first instanceof RowBytesValues) {
      return new RowBytesValues(joined(payloads, RowBytesValues.class, RowBytesValues::getRows));
    }
    return new ArrayValues(((ArrayValues) first).getElementType(),
        joined(payloads, ArrayValues.class, ArrayValues::getRows));
  }

  private static ByteBuffer packed(List<Object> payloads) {
    List<ByteBuffer> parts = payloads.stream().map(p -> as(PackedValues.class, p).getData()).toList();
    ByteBuffer out = ByteBuffer.allocate(parts.stream().mapToInt(ByteBuffer::remaining).sum());
    parts.forEach(part -> out.put(part.duplicate()));
    return out.flip();
  }

  private static <P, T> List<T> joined(List<Object> payloads, Class<P> kind, Function<P, List<T>> rows) {
    return payloads.stream().flatMap(p -> rows.apply(as(kind, p)).stream()).toList();
  }

  private static <P> P as(Class<P> kind, Object payload) {
    if (!kind.isInstance(payload)) {
      throw new IllegalArgumentException("cannot append " + payload.getClass().getSimpleName() + " to "
          + kind.getSimpleName());
    }
    return kind.cast(payload);
  }

  /** The bitmap of all rows, or null when no part has a null row. */
  private static ByteBuffer validity(List<Column> parts) {
    if (parts.stream().allMatch(part -> part.getValidity() == null)) {
      return null;
    }
    List<boolean[]> valid = parts.stream().map(p -> NullBitmap.toValid(p.getValidity(), Columns.rowCount(p))).toList();
    boolean[] all = new boolean[valid.stream().mapToInt(v -> v.length).sum()];
    int next = 0;
    for (boolean[] part : valid) {
      System.arraycopy(part, 0, all, next, part.length);
      next += part.length;
    }
    return NullBitmap.fromValid(all);
  }

  private static Map<String, Column> byName(List<Column> batch) {
    return batch.stream().collect(Collectors.toMap(Column::getFieldName, Function.identity()));
  }

  private static Column fieldOf(Map<String, Column> batch, String field) {
    Column column = batch.get(field);
    if (column == null) {
      throw new IllegalArgumentException("a batch has no column " + field + " (it has " + batch.keySet() + ")");
    }
    return column;
  }
}
