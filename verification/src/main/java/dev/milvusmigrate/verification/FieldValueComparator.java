package dev.milvusmigrate.verification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.milvusmigrate.schemas.avro.ArrayValues;
import dev.milvusmigrate.schemas.avro.Column;
import dev.milvusmigrate.schemas.avro.DataType;
import dev.milvusmigrate.schemas.avro.PackedValues;
import dev.milvusmigrate.schemas.avro.RowBytesValues;
import dev.milvusmigrate.schemas.avro.StringValues;
import dev.milvusmigrate.schemas.columns.NullBitmap;
import dev.milvusmigrate.schemas.columns.ValueWidth;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Comparator;
import java.util.Objects;

/**
 * Compares one value of a column with one value of another, exactly: fixed-width values and
 * vectors by their bytes (so floats by raw bits: NaN equals the same NaN, -0.0 differs from
 * 0.0), strings and sparse vectors exactly, JSON by meaning (key order and number spelling do
 * not matter).
 */
final class FieldValueComparator {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Comparator<JsonNode> NUMBERS_BY_VALUE = (a, b) -> {
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue());
    }
    return a.equals(b) ? 0 : 1;
  };

  private FieldValueComparator() {}

  static boolean equal(Column a, int rowA, Column b, int rowB) {
    if (a.getDataType() != b.getDataType()) {
      return false;
    }
    boolean validA = NullBitmap.isValid(a.getValidity(), rowA);
    boolean validB = NullBitmap.isValid(b.getValidity(), rowB);
    if (!validA || !validB) {
      return validA == validB;
    }
    Object x = a.getValues();
    Object y = b.getValues();
    if (x instanceof PackedValues packedA && y instanceof PackedValues packedB) {
      int widthA = width(a);
      return widthA == width(b) && slice(packedA.getData(), rowA, widthA).equals(slice(packedB.getData(), rowB, widthA));
    }
    if (x instanceof StringValues stringsA && y instanceof StringValues stringsB) {
      return stringsA.getValues().get(rowA).equals(stringsB.getValues().get(rowB));
    }
    if (x instanceof RowBytesValues bytesA && y instanceof RowBytesValues bytesB) {
      ByteBuffer valueA = bytesA.getRows().get(rowA);
      ByteBuffer valueB = bytesB.getRows().get(rowB);
      return a.getDataType() == DataType.JSON ? sameJson(valueA, valueB) : valueA.equals(valueB);
    }
    if (x instanceof ArrayValues arrayA && y instanceof ArrayValues arrayB) {
      return arrayA.getElementType() == arrayB.getElementType()
          && Objects.equals(arrayA.getRows().get(rowA), arrayB.getRows().get(rowB));
    }
    return false;
  }

  /** Same JSON document; falls back to the raw bytes when either side is not valid JSON. */
  static boolean sameJson(ByteBuffer a, ByteBuffer b) {
    if (a.equals(b)) {
      return true;
    }
    try {
      return JSON.readTree(bytes(a)).equals(NUMBERS_BY_VALUE, JSON.readTree(bytes(b)));
    } catch (IOException e) {
      return false;
    }
  }

  private static int width(Column column) {
    DataType type = column.getDataType();
    return ValueWidth.isVector(type) ? ValueWidth.ofVector(type, column.getDim()) : ValueWidth.ofScalar(type);
  }

  private static ByteBuffer slice(ByteBuffer data, int row, int width) {
    return data.slice(data.position() + row * width, width);
  }

  static byte[] bytes(ByteBuffer buffer) {
    byte[] out = new byte[buffer.remaining()];
    buffer.duplicate().get(out);
    return out;
  }
}
