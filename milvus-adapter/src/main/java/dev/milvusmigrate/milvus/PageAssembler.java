package dev.milvusmigrate.milvus;

import dev.milvusmigrate.schemas.avro.ArrayValues;
import dev.milvusmigrate.schemas.avro.Column;
import dev.milvusmigrate.schemas.avro.PackedValues;
import dev.milvusmigrate.schemas.avro.RowBytesValues;
import dev.milvusmigrate.schemas.avro.StringValues;
import dev.milvusmigrate.schemas.columns.LittleEndianPacker;
import io.milvus.grpc.FieldData;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/** Builds a {@link Page} from query results: columns in ascending primary-key order, first/last key, size. */
final class PageAssembler {

  private PageAssembler() {}

  static Page assemble(List<FieldData> fields, String primaryKeyField) {
    List<Column> columns = fields.stream().map(FieldDataCodec::toColumn).toList();
    Column pk = columns.stream().filter(column -> column.getFieldName().equals(primaryKeyField)).findFirst()
        .orElseThrow(() -> new IllegalStateException("the query answer has no primary key column " + primaryKeyField));
    List<Object> keys = keys(pk);
    if (keys.isEmpty()) {
      return new Page(List.of(), 0, null, null, 0);
    }
    int[] order = ascendingOrder(keys);
    if (order != null) {
      columns = columns.stream().map(column -> PayloadRows.select(column, order)).toList();
      keys = IntStream.of(order).mapToObj(keys::get).toList();
    }
    long bytes = columns.stream().mapToLong(column -> payloadBytes(column.getValues())).sum();
    return new Page(columns, keys.size(), keys.get(0), keys.get(keys.size() - 1), bytes);
  }

  /** Keys of the primary key column as {@link Long}s or {@link String}s. */
  static List<Object> keys(Column pk) {
    if (pk.getValues() instanceof PackedValues packed) {
      return new ArrayList<>(Arrays.stream(LittleEndianPacker.unpackLongs(packed.getData())).boxed().toList());
    }
    return new ArrayList<>(((StringValues) pk.getValues()).getValues());
  }

  /** The sorting permutation, or null when the keys are already ascending. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int[] ascendingOrder(List<Object> keys) {
    Comparator<Object> natural = (a, b) -> ((Comparable) a).compareTo(b);
    boolean sorted = IntStream.range(1, keys.size()).allMatch(i -> natural.compare(keys.get(i - 1), keys.get(i)) < 0);
    if (sorted) {
      return null;
    }
    return IntStream.range(0, keys.size()).boxed()
        .sorted((a, b) -> natural.compare(keys.get(a), keys.get(b))).mapToInt(Integer::intValue).toArray();
  }

  static long payloadBytes(Object values) {
    if (values instanceof PackedValues packed) {
      return packed.getData().remaining();
    }
    if (values instanceof StringValues strings) {
      return strings.getValues().stream().mapToLong(String::length).sum();
    }
    if (values instanceof RowBytesValues rows) {
      return rows.getRows().stream().mapToLong(ByteBuffer::remaining).sum();
    }
    return ((ArrayValues) values).getRows().stream().mapToLong(PageAssembler::payloadBytes).sum();
  }
}
