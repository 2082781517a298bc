package dev.milvusmigrate.exporter;

import dev.milvusmigrate.schemas.avro.ArrayValues;
import dev.milvusmigrate.schemas.avro.Column;
import dev.milvusmigrate.schemas.avro.PackedValues;
import dev.milvusmigrate.schemas.avro.RowBytesValues;
import dev.milvusmigrate.schemas.avro.StringValues;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Encoded size of each row of a page, slightly over-estimated (every variable-length value is
 * counted with a 5-byte length prefix), so batches cut by these sizes never exceed their limit.
 */
final class RowSizes {

  /** Avro's longest varint length prefix. */
  static final int LENGTH_PREFIX = 5;
  /** Record overhead of a batch and of each column (names, type tags, union indexes), generously. */
  static final int BATCH_OVERHEAD = 256;
  static final int COLUMN_OVERHEAD = 64;

  private RowSizes() {}

  static long[] of(List<Column> columns, int rowCount) {
    long[] sizes = new long[rowCount];
    for (Column column : columns) {
      addColumn(sizes, column);
    }
    return sizes;
  }

  static long batchOverhead(int columnCount) {
    return BATCH_OVERHEAD + (long) columnCount * COLUMN_OVERHEAD;
  }

  private static void addColumn(long[] sizes, Column column) {
    Object payload = column.getValues();
    if (payload instanceof PackedValues) {
      int width = ColumnSlices.width(column);
      for (int row = 0; row < sizes.length; row++) {
        sizes[row] += width;
      }
    } else if (payload instanceof StringValues strings) {
      List<String> values = strings.getValues();
      for (int row = 0; row < sizes.length; row++) {
        sizes[row] += LENGTH_PREFIX + utf8Length(values.get(row));
      }
    } else if (payload instanceof RowBytesValues rowBytes) {
      List<ByteBuffer> rows = rowBytes.getRows();
      for (int row = 0; row < sizes.length; row++) {
        sizes[row] += LENGTH_PREFIX + rows.get(row).remaining();
      }
    } else {
      List<Object> rows = ((ArrayValues) payload).getRows();
      for (int row = 0; row < sizes.length; row++) {
        sizes[row] += LENGTH_PREFIX + arrayRowSize(rows.get(row));
      }
    }
  }

  private static long arrayRowSize(Object row) {
    if (row instanceof PackedValues packed) {
      return packed.getData().remaining();
    }
    long size = LENGTH_PREFIX;
    for (String value : ((StringValues) row).getValues()) {
      size += LENGTH_PREFIX + utf8Length(value);
    }
    return size;
  }

  static int utf8Length(CharSequence text) {
    int bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }
}
