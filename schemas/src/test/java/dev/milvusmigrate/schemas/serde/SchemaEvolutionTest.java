package dev.milvusmigrate.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.milvusmigrate.schemas.avro.Heartbeat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;

/** Bytes written with an older schema version are readable when that version is registered. */
class SchemaEvolutionTest {

  private static final Schema HEARTBEAT_V1 = new Schema.Parser().parse("""
      {"type": "record", "name": "Heartbeat", "namespace": "dev.milvusmigrate.schemas.avro", "fields": [
        {"name": "job_id", "type": "string"},
        {"name": "source_ts", "type": "long"},
        {"name": "capture_instance", "type": "string"}]}
      """);

  @Test
  void olderWriterSchemaResolvesToTheCurrentRecord() throws IOException {
    byte[] v1Bytes = writeV1();

    Heartbeat heartbeat = AvroSerde.of(Heartbeat.class, List.of(HEARTBEAT_V1)).deserializer().deserialize("t", v1Bytes);

    assertThat(heartbeat.getJobId()).isEqualTo("job-old");
    assertThat(heartbeat.getSourceTs()).isEqualTo(99L);
    assertThat(heartbeat.getCaptureInstance()).isEqualTo("capture-old");
    assertThat(heartbeat.getSourceTopic()).isNull();
  }

  @Test
  void olderWriterSchemaIsUnknownUnlessRegistered() throws IOException {
    byte[] v1Bytes = writeV1();

    assertThatThrownBy(() -> AvroSerde.of(Heartbeat.class).deserializer().deserialize("t", v1Bytes))
        .isInstanceOf(PayloadDecodeException.class)
        .hasMessageContaining("as Heartbeat: unknown schema fingerprint")
        .hasMessageEndingWith("a schema version this reader was not given");
  }

  private static byte[] writeV1() throws IOException {
    GenericRecord v1 = new GenericData.Record(HEARTBEAT_V1);
    v1.put("job_id", "job-old");
    v1.put("source_ts", 99L);
    v1.put("capture_instance", "capture-old");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new BinaryMessageEncoder<GenericRecord>(GenericData.get(), HEARTBEAT_V1).encode(v1, out);
    return out.toByteArray();
  }
}
