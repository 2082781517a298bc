package dev.milvusmigrate.milvus;

import com.google.protobuf.ByteString;
import dev.milvusmigrate.schemas.avro.DataType;
import io.milvus.grpc.ValueField;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Field default values: Milvus's {@link ValueField} and the Avro union (boolean, int, long, float,
 * double, string, bytes). A TIMESTAMPTZ default travels as ISO-8601 text.
 */
final class DefaultValues {

  private DefaultValues() {}

  /** The Avro value, or null when the field has no default. */
  static Object toAvro(ValueField value) {
    return switch (value.getDataCase()) {
      case BOOL_DATA -> value.getBoolData();
      case INT_DATA -> value.getIntData();
      case LONG_DATA -> value.getLongData();
      case FLOAT_DATA -> value.getFloatData();
      case DOUBLE_DATA -> value.getDoubleData();
      case STRING_DATA -> value.getStringData();
      case BYTES_DATA -> ByteBuffer.wrap(value.getBytesData().toByteArray());
      case TIMESTAMPTZ_DATA -> Instant.EPOCH.plus(value.getTimestamptzData(), ChronoUnit.MICROS).toString();
      case DATA_NOT_SET -> null;
    };
  }

  static ValueField toProto(Object value, DataType fieldType) {
    ValueField.Builder builder = ValueField.newBuilder();
    if (value instanceof Boolean b) {
      return builder.setBoolData(b).build();
    }
    if (value instanceof Integer i) {
      return builder.setIntData(i).build();
    }
    if (value instanceof Long l) {
      return builder.setLongData(l).build();
    }
    if (value instanceof Float f) {
      return builder.setFloatData(f).build();
    }
    if (value instanceof Double d) {
      return builder.setDoubleData(d).build();
    }
    if (value instanceof CharSequence s) {
      return builder.setStringData(s.toString()).build();
    }
    if (value instanceof ByteBuffer bytes) {
      return builder.setBytesData(ByteString.copyFrom(bytes.duplicate())).build();
    }
    throw new IllegalArgumentException("a default value of " + value.getClass().getSimpleName()
        + " does not fit a " + fieldType + " field");
  }
}
