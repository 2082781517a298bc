package dev.milvusmigrate.milvus;

import dev.milvusmigrate.schemas.avro.ArrayValues;
import dev.milvusmigrate.schemas.avro.Column;
import dev.milvusmigrate.schemas.avro.PackedValues;
import dev.milvusmigrate.schemas.avro.RowBytesValues;
import dev.milvusmigrate.schemas.avro.StringValues;
import dev.milvusmigrate.schemas.columns.Columns;
import dev.milvusmigrate.schemas.columns.NullBitmap;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Joins the parts of one column read page by page into a single column (test helper). */
final class ColumnConcatenation {

  private ColumnConcatenation() {}

  static Column of(List<Column> parts) {
    Column first = parts.get(0);
    Object values = concatenate(parts.stream().map(Column::getValues).toList());
    List<Boolean> valid = new ArrayList<>();
    for (Column part : parts) {
      for (boolean v : NullBitmap.toValid(part.getValidity(), Columns.rowCount(part))) {
        valid.add(v);
      }
    }
    boolean[] flags = new boolean[valid.size()];
    for (int i = 0; i < flags.length; i++) {
      flags[i] = valid.get(i);
    }
    return Column.newBuilder(first).setValues(values).setValidity(NullBitmap.fromValid(flags)).build();
  }

  private static Object concatenate(List<Object> payloads) {
    Object first = payloads.get(0);
    if (first instanceof PackedValues) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      for (Object payload : payloads) {
        ByteBuffer data = ((PackedValues) payload).getData().duplicate();
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        out.writeBytes(bytes);
      }
      return new PackedValues(ByteBuffer.wrap(out.toByteArray()));
    }
    if (first instanceof StringValues) {
      return new StringValues(payloads.stream().flatMap(p -> ((StringValues) p).getValues().stream()).toList());
    }
    if (first instanceof RowBytesValues) {
      return new RowBytesValues(payloads.stream().flatMap(p -> ((RowBytesValues) p).getRows().stream()).toList());
    }
    return new ArrayValues(((ArrayValues) first).getElementType(),
        payloads.stream().flatMap(p -> ((ArrayValues) p).getRows().stream()).toList());
  }
}
