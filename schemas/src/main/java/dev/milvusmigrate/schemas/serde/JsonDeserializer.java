package dev.milvusmigrate.schemas.serde;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads a record written as a JSON object ({@link JsonRecordCodec}). Records written before these
 * topics spoke JSON, in Avro single-object encoding (they start with C3 01), are still read, so
 * an upgrade needs no migration of the topics; throws {@link PayloadDecodeException} for anything
 * else.
 */
public final class JsonDeserializer<T extends SpecificRecordBase> implements Deserializer<T> {

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final Class<T> type;
  private final JsonRecordCodec codec;
  private final Schema schema;
  private final AvroDeserializer<T> legacy;

  public JsonDeserializer(Class<T> type) {
    AvroTrust.install();
    SpecificData model = SpecificData.getForClass(type);
    this.type = type;
    this.codec = new JsonRecordCodec(model);
    this.schema = model.getSchema(type);
    this.legacy = new AvroDeserializer<>(type, List.of());
  }

  @Override
  public T deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    if (data.length >= 2 && data[0] == (byte) 0xC3 && data[1] == 0x01) {
      return legacy.deserialize(topic, data);
    }
    JsonNode node = parse(data);
    try {
      return type.cast(codec.fromJson(node, schema, ""));
    } catch (IllegalArgumentException e) {
      throw failure(data, e.getMessage(), e);
    }
  }

  private JsonNode parse(byte[] data) {
    try {
      JsonNode node = JSON.readTree(data);
      if (node == null || !node.isObject()) {
        throw failure(data, "not a JSON object", null);
      }
      return node;
    } catch (JsonProcessingException e) {
      throw failure(data, "not JSON (" + e.getOriginalMessage() + ")", e);
    } catch (IOException e) {
      throw failure(data, "unreadable (" + e.getMessage() + ")", e);
    }
  }

  private PayloadDecodeException failure(byte[] data, String reason, Throwable cause) {
    return new PayloadDecodeException(type.getSimpleName(), data.length, reason, cause);
  }
}
