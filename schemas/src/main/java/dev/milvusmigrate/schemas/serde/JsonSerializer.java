package dev.milvusmigrate.schemas.serde;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/** Writes a record as one line of UTF-8 JSON with the schema's field names ({@link JsonRecordCodec}). */
public final class JsonSerializer<T extends SpecificRecordBase> implements Serializer<T> {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Class<T> type;
  private final JsonRecordCodec codec;
  private final Schema schema;

  public JsonSerializer(Class<T> type) {
    AvroTrust.install();
    SpecificData model = SpecificData.getForClass(type);
    this.type = type;
    this.codec = new JsonRecordCodec(model);
    this.schema = model.getSchema(type);
  }

  @Override
  public byte[] serialize(String topic, T record) {
    if (record == null) {
      return null;
    }
    try {
      return JSON.writeValueAsBytes(codec.toJson(record, schema));
    } catch (IOException | RuntimeException e) {
      throw new SerializationException("Cannot write " + type.getSimpleName() + " as JSON: " + e.getMessage(), e);
    }
  }
}
