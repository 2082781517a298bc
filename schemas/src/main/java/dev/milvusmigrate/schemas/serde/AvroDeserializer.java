package dev.milvusmigrate.schemas.serde;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Collection;
import org.apache.avro.Schema;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Avro single-object encoded records. Writer schemas are found by fingerprint: the current
 * schema of {@code T}, its earlier versions ({@link SchemaHistory}) and any older versions given,
 * which are resolved to the current one.
 */
public final class AvroDeserializer<T extends SpecificRecordBase> implements Deserializer<T> {

  private static final int HEADER_LENGTH = 10;

  private final String typeName;
  private final BinaryMessageDecoder<T> decoder;

  public AvroDeserializer(Class<T> type, Collection<Schema> olderWriterSchemas) {
    AvroTrust.install();
    SpecificData model = SpecificData.getForClass(type);
    SchemaStore.Cache writerSchemas = new SchemaStore.Cache();
    SchemaHistory.of(type).forEach(writerSchemas::addSchema);
    olderWriterSchemas.forEach(writerSchemas::addSchema);
    this.typeName = type.getSimpleName();
    this.decoder = new BinaryMessageDecoder<>(model, model.getSchema(type), writerSchemas);
  }

  /** Returns null for null bytes (a tombstone); throws {@link PayloadDecodeException} for anything undecodable. */
  @Override
  public T deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    if (data.length == 0) {
      throw failure(data, "empty payload", null);
    }
    if (data.length < HEADER_LENGTH) {
      throw failure(data, "truncated or bad header, shorter than the 10-byte single-object header", null);
    }
    ByteArrayInputStream in = new ByteArrayInputStream(data);
    T record = decode(in, data);
    if (in.available() > 0) {
      throw failure(data, in.available() + " trailing bytes after the record (corrupt or mis-framed payload)", null);
    }
    return record;
  }

  private T decode(ByteArrayInputStream in, byte[] data) {
    try {
      return decoder.decode(in, null);
    } catch (BadHeaderException e) {
      throw failure(data, "bad header, not Avro single-object encoding (" + e.getMessage() + ")", e);
    } catch (MissingSchemaException e) {
      throw failure(data, unknownFingerprint(data), e);
    } catch (Exception e) {
      throw failure(data, bodyProblem(e), e);
    }
  }

  private static String unknownFingerprint(byte[] data) {
    long fingerprint = ByteBuffer.wrap(data, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    String hex = String.format("0x%016X", fingerprint);
    return KnownContracts.nameOf(fingerprint)
        .map(name -> "unknown schema fingerprint " + hex + ": the bytes hold a " + name)
        .orElse("unknown schema fingerprint " + hex
            + ": another record type, or a schema version this reader was not given");
  }

  private static String bodyProblem(Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof EOFException) {
        return "truncated body, the bytes end inside the record";
      }
    }
    return "corrupt body (" + e + ")";
  }

  private PayloadDecodeException failure(byte[] data, String reason, Throwable cause) {
    return new PayloadDecodeException(typeName, data.length, reason, cause);
  }
}
