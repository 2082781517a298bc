package dev.milvusmigrate.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.milvusmigrate.schemas.Samples;
import dev.milvusmigrate.schemas.avro.Heartbeat;
import dev.milvusmigrate.schemas.avro.Mutation;
import dev.milvusmigrate.schemas.avro.PipelineEvent;
import java.util.Arrays;
import java.util.Random;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

class PayloadDecodeFailureTest {

  private final AvroSerde<PipelineEvent> events = AvroSerde.of(PipelineEvent.class);
  private final byte[] valid = events.serializer().serialize("t", new PipelineEvent(Samples.insert()));

  @Test
  void emptyBytesAreRejected() {
    assertFailure(events.deserializer(), new byte[0])
        .hasMessage("Cannot decode 0 bytes as PipelineEvent: empty payload");
  }

  @Test
  void garbageBytesHaveABadHeader() {
    byte[] garbage = new byte[64];
    new Random(7).nextBytes(garbage);
    garbage[0] = 0x42;

    assertFailure(events.deserializer(), garbage)
        .hasMessageStartingWith("Cannot decode 64 bytes as PipelineEvent: bad header, not Avro single-object encoding")
        .hasMessageContaining("0x42");
  }

  @Test
  void textIsNotAPayload() {
    assertFailure(events.deserializer(), "{\"op\":\"INSERT\"}".getBytes())
        .hasMessageContaining("bad header");
  }

  @Test
  void bytesShorterThanTheHeaderAreTruncated() {
    assertFailure(events.deserializer(), Arrays.copyOf(valid, 6))
        .hasMessage("Cannot decode 6 bytes as PipelineEvent: truncated or bad header, shorter than the 10-byte single-object header");
  }

  @Test
  void truncatedBodyIsReportedAsTruncated() {
    byte[] truncated = Arrays.copyOf(valid, valid.length - 5);

    assertFailure(events.deserializer(), truncated)
        .hasMessage("Cannot decode " + truncated.length + " bytes as PipelineEvent: truncated body, the bytes end inside the record");
  }

  @Test
  void headerWithoutBodyIsTruncated() {
    assertFailure(events.deserializer(), Arrays.copyOf(valid, 10)).hasMessageContaining("truncated body");
  }

  @Test
  void anotherRecordTypeIsNamed() {
    byte[] heartbeat = AvroSerde.of(Heartbeat.class).serializer().serialize("t", Samples.heartbeat());

    assertFailure(AvroSerde.of(Mutation.class).deserializer(), heartbeat)
        .hasMessageStartingWith("Cannot decode " + heartbeat.length + " bytes as Mutation: unknown schema fingerprint 0x")
        .hasMessageEndingWith(": the bytes hold a Heartbeat");
  }

  @Test
  void unknownFingerprintIsReported() {
    byte[] unknown = valid.clone();
    unknown[5] ^= 0x55;

    assertFailure(events.deserializer(), unknown)
        .hasMessageContaining("unknown schema fingerprint")
        .hasMessageEndingWith("another record type, or a schema version this reader was not given");
  }

  @Test
  void corruptBodyIsReported() {
    byte[] corrupt = Arrays.copyOf(valid, 14);
    corrupt[10] = 0x00;
    corrupt[11] = 0x01;

    assertFailure(events.deserializer(), corrupt).hasMessageContaining(" as PipelineEvent: corrupt body (");
  }

  @Test
  void trailingBytesAreRejected() {
    byte[] longer = Arrays.copyOf(valid, valid.length + 3);

    assertFailure(events.deserializer(), longer).hasMessageEndingWith(": 3 trailing bytes after the record (corrupt or mis-framed payload)");
  }

  @Test
  void failureIsAKafkaSerializationExceptionNamingTheExpectedType() {
    Throwable thrown = catchDecode(events.deserializer(), new byte[] {1});

    assertThat(thrown).isInstanceOf(SerializationException.class);
    assertThat(((PayloadDecodeException) thrown).expectedType()).isEqualTo("PipelineEvent");
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> assertFailure(Deserializer<?> deserializer, byte[] data) {
    return assertThatThrownBy(() -> deserializer.deserialize("topic", data)).isExactlyInstanceOf(PayloadDecodeException.class);
  }

  private static Throwable catchDecode(Deserializer<?> deserializer, byte[] data) {
    try {
      deserializer.deserialize("topic", data);
    } catch (RuntimeException e) {
      return e;
    }
    throw new AssertionError("expected a decode failure");
  }
}
