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
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A SHA-256 digest of each entity's canonical field bytes, equal for two entities exactly when
 * {@link FieldValueComparator} finds every field equal: fields in name order (whatever order a
 * server returns them in), each as its name, type, null flag and value; fixed-width values and
 * vectors as their bytes (floats by raw bits), strings and sparse vectors as their bytes, ARRAY
 * values element by element, and JSON by meaning (keys sorted, numbers by value; a value that is
 * not JSON as its bytes). Every variable-length part is prefixed with its length, so no two
 * different entities share their canonical bytes.
 */
final class EntityDigests {

  private static final ObjectMapper JSON = new ObjectMapper();

  private EntityDigests() {}

  /** The digest of every row of the columns, in row order. */
  static List<byte[]> of(List<Column> columns, int rowCount) {
    List<Column> ordered = columns.stream().sorted(Comparator.comparing(Column::getFieldName)).toList();
    MessageDigest sha = sha256();
    List<byte[]> digests = new ArrayList<>(rowCount);
    for (int row = 0; row < rowCount; row++) {
      for (Column column : ordered) {
        digestValue(sha, column, row);
      }
      digests.add(sha.digest());
    }
    return digests;
  }

  private static void digestValue(MessageDigest sha, Column column, int row) {
    text(sha, column.getFieldName());
    text(sha, column.getDataType().name());
    if (!NullBitmap.isValid(column.getValidity(), row)) {
      sha.update((byte) 0);
      return;
    }
    sha.update((byte) 1);
    Object values = column.getValues();
    if (values instanceof PackedValues packed) {
      int width = width(column);
      bytes(sha, packed.getData().slice(packed.getData().position() + row * width, width));
    } else if (values instanceof StringValues strings) {
      text(sha, strings.getValues().get(row));
    } else if (values instanceof RowBytesValues rows) {
      ByteBuffer value = rows.getRows().get(row);
      if (column.getDataType() == DataType.JSON) {
        json(sha, value);
      } else {
        bytes(sha, value);
      }
    } else {
      array(sha, (ArrayValues) values, row);
    }
  }

  private static void array(MessageDigest sha, ArrayValues arrays, int row) {
    text(sha, arrays.getElementType().name());
    Object elements = arrays.getRows().get(row);
    if (elements instanceof StringValues strings) {
      length(sha, strings.getValues().size());
      strings.getValues().forEach(value -> text(sha, value));
    } else {
      bytes(sha, ((PackedValues) elements).getData());
    }
  }

  private static void json(MessageDigest sha, ByteBuffer value) {
    JsonNode node;
    try {
      node = JSON.readTree(FieldValueComparator.bytes(value));
    } catch (IOException e) {
      node = null;
    }
    if (node == null || node.isMissingNode()) {
      sha.update((byte) 'b');
      bytes(sha, value);
    } else {
      sha.update((byte) 'j');
      canonical(sha, node);
    }
  }

  private static void canonical(MessageDigest sha, JsonNode node) {
    if (node.isObject()) {
      sha.update((byte) '{');
      length(sha, node.size());
      List<Map.Entry<String, JsonNode>> members = new ArrayList<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        members.add(it.next());
      }
      members.sort(Map.Entry.comparingByKey());
      for (Map.Entry<String, JsonNode> member : members) {
        text(sha, member.getKey());
        canonical(sha, member.getValue());
      }
    } else if (node.isArray()) {
      sha.update((byte) '[');
      length(sha, node.size());
      node.forEach(element -> canonical(sha, element));
    } else if (node.isNumber()) {
      sha.update((byte) '#');
      text(sha, node.decimalValue().stripTrailingZeros().toString());
    } else if (node.isTextual()) {
      sha.update((byte) '"');
      text(sha, node.textValue());
    } else {
      sha.update((byte) 'l');
      text(sha, node.toString());
    }
  }

  private static int width(Column column) {
    DataType type = column.getDataType();
    return ValueWidth.isVector(type) ? ValueWidth.ofVector(type, column.getDim()) : ValueWidth.ofScalar(type);
  }

  private static void text(MessageDigest sha, String value) {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    length(sha, utf8.length);
    sha.update(utf8);
  }

  private static void bytes(MessageDigest sha, ByteBuffer value) {
    length(sha, value.remaining());
    sha.update(value.duplicate());
  }

  private static void length(MessageDigest sha, int length) {
    sha.update((byte) (length >>> 24));
    sha.update((byte) (length >>> 16));
    sha.update((byte) (length >>> 8));
    sha.update((byte) length);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("This Java runtime has no SHA-256", e);
    }
  }
}
