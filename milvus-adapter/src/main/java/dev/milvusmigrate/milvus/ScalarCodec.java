package dev.milvusmigrate.milvus;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.milvusmigrate.schemas.avro.ArrayValues;
import dev.milvusmigrate.schemas.avro.DataType;
import dev.milvusmigrate.schemas.avro.PackedValues;
import dev.milvusmigrate.schemas.avro.RowBytesValues;
import dev.milvusmigrate.schemas.avro.StringValues;
import dev.milvusmigrate.schemas.columns.ValueWidth;
import io.milvus.grpc.ArrayArray;
import io.milvus.grpc.BoolArray;
import io.milvus.grpc.DoubleArray;
import io.milvus.grpc.FloatArray;
import io.milvus.grpc.GeometryWktArray;
import io.milvus.grpc.IntArray;
import io.milvus.grpc.JSONArray;
import io.milvus.grpc.LongArray;
import io.milvus.grpc.ScalarField;
import io.milvus.grpc.StringArray;
import io.milvus.grpc.TimestamptzArray;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** Milvus {@link ScalarField} values to the project's column payloads and back, for every scalar type. */
final class ScalarCodec {

  private ScalarCodec() {}

  /** @param elementType the element type of an ARRAY, else unused */
  static Object toPayload(ScalarField field, DataType type, DataType elementType) {
    return switch (type) {
      case BOOL -> packBools(field.getBoolData());
      case INT8, INT16, INT32 -> packInts(field.getIntData(), ValueWidth.ofScalar(type));
      case INT64 -> packLongs(field.getLongData().getDataList());
      case TIMESTAMPTZ -> packLongs(timestampMicros(field));
      case FLOAT -> packFloats(field.getFloatData());
      case DOUBLE -> packDoubles(field.getDoubleData());
      case VARCHAR, STRING -> new StringValues(List.copyOf(field.getStringData().getDataList()));
      case GEOMETRY -> geometryText(field);
      case JSON -> new RowBytesValues(byteRows(field.getJsonData().getDataList()));
      case ARRAY -> arrays(field.getArrayData(), elementType);
      default -> throw new IllegalArgumentException(type + " is not a scalar type");
    };
  }

  static ScalarField toScalarField(Object payload, DataType type) {
    ScalarField.Builder field = ScalarField.newBuilder();
    return switch (type) {
      case BOOL -> field.setBoolData(unpackBools(packed(payload))).build();
      case INT8, INT16, INT32 -> field.setIntData(unpackInts(packed(payload), ValueWidth.ofScalar(type))).build();
      case INT64 -> field.setLongData(LongArray.newBuilder().addAllData(unpackLongs(packed(payload)))).build();
      case TIMESTAMPTZ -> field.setTimestamptzData(
          TimestamptzArray.newBuilder().addAllData(unpackLongs(packed(payload)))).build();
      case FLOAT -> field.setFloatData(unpackFloats(packed(payload))).build();
      case DOUBLE -> field.setDoubleData(unpackDoubles(packed(payload))).build();
      case VARCHAR, STRING -> field.setStringData(
          StringArray.newBuilder().addAllData(((StringValues) payload).getValues())).build();
      case GEOMETRY -> field.setGeometryWktData(
          GeometryWktArray.newBuilder().addAllData(((StringValues) payload).getValues())).build();
      case JSON -> field.setJsonData(JSONArray.newBuilder().addAllData(byteStrings((RowBytesValues) payload))).build();
      case ARRAY -> field.setArrayData(arrayArray((ArrayValues) payload)).build();
      default -> throw new IllegalArgumentException(type + " is not a scalar type");
    };
  }

  /** Servers answer TIMESTAMPTZ as int64 microseconds or, like Milvus Lite, as ISO-8601 text. */
  private static List<Long> timestampMicros(ScalarField field) {
    if (!field.hasStringData()) {
      return field.getTimestamptzData().getDataList();
    }
    List<Long> micros = new ArrayList<>(field.getStringData().getDataCount());
    for (String text : field.getStringData().getDataList()) {
      Instant instant = text.isEmpty() ? Instant.EPOCH : OffsetDateTime.parse(text).toInstant();
      micros.add(instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000);
    }
    return micros;
  }

  private static StringValues geometryText(ScalarField field) {
    if (field.hasGeometryData() && field.getGeometryData().getDataCount() > 0) {
      throw new IllegalArgumentException("the server returned GEOMETRY as WKB, but columns carry WKT text");
    }
    return new StringValues(List.copyOf(field.getGeometryWktData().getDataList()));
  }

  private static ArrayValues arrays(ArrayArray arrays, DataType elementType) {
    List<Object> rows = new ArrayList<>(arrays.getDataCount());
    for (ScalarField row : arrays.getDataList()) {
      rows.add(toPayload(row, elementType, null));
    }
    return new ArrayValues(elementType, rows);
  }

  private static ArrayArray arrayArray(ArrayValues arrays) {
    ArrayArray.Builder builder = ArrayArray.newBuilder().setElementType(DataTypes.toProto(arrays.getElementType()));
    for (Object row : arrays.getRows()) {
      builder.addData(toScalarField(row, arrays.getElementType()));
    }
    return builder.build();
  }

  private static PackedValues packBools(BoolArray values) {
    byte[] out = new byte[values.getDataCount()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.getData(i) ? (byte) 1 : (byte) 0;
    }
    return new PackedValues(ByteBuffer.wrap(out));
  }

  private static PackedValues packInts(IntArray values, int width) {
    ByteBuffer out = allocate(values.getDataCount() * width);
    for (int i = 0; i < values.getDataCount(); i++) {
      int value = values.getData(i);
      switch (width) {
        case 1 -> out.put((byte) value);
        case 2 -> out.putShort((short) value);
        default -> out.putInt(value);
      }
    }
    return new PackedValues(out.flip());
  }

  private static PackedValues packLongs(List<Long> values) {
    ByteBuffer out = allocate(values.size() * Long.BYTES);
    values.forEach(out::putLong);
    return new PackedValues(out.flip());
  }

  private static PackedValues packFloats(FloatArray values) {
    ByteBuffer out = allocate(values.getDataCount() * Float.BYTES);
    for (int i = 0; i < values.getDataCount(); i++) {
      out.putFloat(values.getData(i));
    }
    return new PackedValues(out.flip());
  }

  private static PackedValues packDoubles(DoubleArray values) {
    ByteBuffer out = allocate(values.getDataCount() * Double.BYTES);
    for (int i = 0; i < values.getDataCount(); i++) {
      out.putDouble(values.getData(i));
    }
    return new PackedValues(out.flip());
  }

  private static BoolArray unpackBools(ByteBuffer in) {
    BoolArray.Builder out = BoolArray.newBuilder();
    while (in.hasRemaining()) {
      out.addData(in.get() != 0);
    }
    return out.build();
  }

  private static IntArray unpackInts(ByteBuffer in, int width) {
    IntArray.Builder out = IntArray.newBuilder();
    while (in.hasRemaining()) {
      out.addData(switch (width) {
        case 1 -> in.get();
        case 2 -> in.getShort();
        default -> in.getInt();
      });
    }
    return out.build();
  }

  private static List<Long> unpackLongs(ByteBuffer in) {
    List<Long> out = new ArrayList<>(in.remaining() / Long.BYTES);
    while (in.hasRemaining()) {
      out.add(in.getLong());
    }
    return out;
  }

  /**
   * Little-endian packed floats are already the wire form of FloatArray's packed {@code data}
   * field, so protobuf parses them in one pass into a list sized up front; adding them one by
   * one costs several list copies per vector column (it was the pipeline's top CPU frame).
   */
  static FloatArray unpackFloats(ByteBuffer in) {
    ByteBuffer values = in.duplicate();
    try {
      ProtoFieldHeader header = ProtoFieldHeader.lengthDelimited(1, values.remaining());
      return FloatArray.parseFrom(header.bytes().concat(ByteString.copyFrom(values)));
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("packed floats do not parse as a FloatArray", e);
    }
  }

  private static DoubleArray unpackDoubles(ByteBuffer in) {
    DoubleArray.Builder out = DoubleArray.newBuilder();
    while (in.hasRemaining()) {
      out.addData(in.getDouble());
    }
    return out.build();
  }

  static List<ByteBuffer> byteRows(List<ByteString> rows) {
    List<ByteBuffer> out = new ArrayList<>(rows.size());
    rows.forEach(row -> out.add(ByteBuffer.wrap(row.toByteArray())));
    return out;
  }

  static List<ByteString> byteStrings(RowBytesValues rows) {
    List<ByteString> out = new ArrayList<>(rows.getRows().size());
    rows.getRows().forEach(row -> out.add(ByteString.copyFrom(row.duplicate())));
    return out;
  }

  /** A little-endian read view of a packed payload, not moving the original buffer. */
  static ByteBuffer packed(Object payload) {
    return ((PackedValues) payload).getData().duplicate().order(ByteOrder.LITTLE_ENDIAN);
  }

  static ByteBuffer allocate(int bytes) {
    return ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
  }
}
