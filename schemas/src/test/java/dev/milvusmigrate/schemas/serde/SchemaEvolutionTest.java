package dev.milvusmigrate.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.milvusmigrate.schemas.avro.AutoIdKeys;
import dev.milvusmigrate.schemas.avro.Heartbeat;
import dev.milvusmigrate.schemas.avro.JobSpec;
import dev.milvusmigrate.schemas.avro.JobStatus;
import dev.milvusmigrate.schemas.avro.ProgressEvent;
import dev.milvusmigrate.schemas.avro.ProxyChange;
import dev.milvusmigrate.schemas.avro.ProxyChangeKind;
import dev.milvusmigrate.schemas.avro.VerificationReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
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

  /** A status the lag-monitor wrote before jobs carried their addresses and service warnings. */
  @Test
  void aJobStatusOfTheFirstVersionIsReadWithoutBeingRegistered() throws IOException {
    Schema v1;
    try (InputStream in = getClass().getResourceAsStream("/dev/milvusmigrate/schemas/history/JobStatus.1.avsc")) {
      v1 = new Schema.Parser().parse(in);
    }
    GenericRecord old = new GenericData.Record(v1);
    old.put("job_id", "job-v1");
    old.put("mode", new GenericData.EnumSymbol(v1.getField("mode").schema(), "OFFLINE"));
    old.put("state", new GenericData.EnumSymbol(v1.getField("state").schema(), "IN_PROGRESS"));
    old.put("stage", new GenericData.EnumSymbol(v1.getField("stage").schema(), "SNAPSHOT"));
    old.put("collections", List.of());
    old.put("rows_copied", 0L);
    old.put("rows_total", 0L);
    old.put("percent", 0.0);
    old.put("started_at", 1L);
    old.put("updated_at", 2L);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(old, out);

    JobStatus status = AvroSerde.of(JobStatus.class).deserializer().deserialize("t", out.toByteArray());

    assertThat(status.getJobId()).isEqualTo("job-v1");
    assertThat(status.getServiceWarnings()).isEmpty();
    assertThat(status.getTargetLabel()).isNull();
  }

  /** A progress event written before verification reports said what their comparison covered. */
  @Test
  void aProgressEventOfTheFirstVersionIsReadWithoutBeingRegistered() throws IOException {
    Schema v1;
    try (InputStream in = getClass().getResourceAsStream("/dev/milvusmigrate/schemas/history/ProgressEvent.1.avsc")) {
      v1 = new Schema.Parser().parse(in);
    }
    Schema reportV1 = v1.getField("payload").schema().getTypes().stream()
        .filter(t -> t.getName().equals("VerificationReport")).findFirst().orElseThrow();
    GenericRecord report = new GenericData.Record(reportV1);
    report.put("database", "db");
    report.put("collection", "c1");
    report.put("target_database", "db");
    report.put("passed", true);
    report.put("schema_differences", List.of());
    List.of("source_count", "target_count", "source_distinct_keys", "target_distinct_keys", "missing_in_target",
        "unexpected_in_target", "keys_rechecked", "excess_in_target", "at").forEach(f -> report.put(f, 0L));
    report.put("example_keys", List.of());
    report.put("sampled", 120);
    report.put("mismatched", 0);
    report.put("findings", List.of());
    report.put("method", new GenericData.EnumSymbol(reportV1.getField("method").schema(), "FULL_SCAN"));
    GenericRecord old = new GenericData.Record(v1);
    old.put("payload", report);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(old, out);

    ProgressEvent event = AvroSerde.of(ProgressEvent.class).deserializer().deserialize("t", out.toByteArray());

    VerificationReport read = (VerificationReport) event.getPayload();
    assertThat(read.getSampled()).isEqualTo(120);
    assertThat(read.getComparedInFull()).isFalse();
    assertThat(read.getDetectionProbability()).isNull();
  }

  /** A job submitted before jobs said what becomes of auto-id keys keeps them. */
  @Test
  void aJobSpecOfTheSecondVersionKeepsAutoIdKeys() throws IOException {
    Schema v2;
    try (InputStream in = getClass().getResourceAsStream("/dev/milvusmigrate/schemas/history/JobSpec.2.avsc")) {
      v2 = new Schema.Parser().parse(in);
    }
    GenericRecord old = new GenericData.Record(v2);
    old.put("job_id", "job-v2");
    old.put("mode", new GenericData.EnumSymbol(v2.getField("mode").schema(), "OFFLINE"));
    old.put("database", "db");
    old.put("collections", List.of());
    old.put("load_at_end", false);
    old.put("index_policy", new GenericData.EnumSymbol(v2.getField("index_policy").schema(), "AUTOINDEX"));
    old.put("source_label", "http://a:19530");
    old.put("target_label", "http://b:19530");
    old.put("submitted_at", 1L);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v2).encode(old, out);

    JobSpec spec = AvroSerde.of(JobSpec.class).deserializer().deserialize("t", out.toByteArray());

    assertThat(spec.getJobId()).isEqualTo("job-v2");
    assertThat(spec.getAutoIdKeys()).isEqualTo(AutoIdKeys.KEEP);
  }

  /** A record a capture-proxy appended before cutovers were recorded is read with no job and no detail. */
  @Test
  void aProxyChangeOfTheThirdVersionIsReadWithoutBeingRegistered() throws IOException {
    Schema v3;
    try (InputStream in = getClass().getResourceAsStream("/dev/milvusmigrate/schemas/history/ProxyChange.3.avsc")) {
      v3 = new Schema.Parser().parse(in);
    }
    GenericRecord old = new GenericData.Record(v3);
    old.put("sequence", 7L);
    old.put("kind", new GenericData.EnumSymbol(v3.getField("kind").schema(), "TICK"));
    old.put("database", "");
    old.put("collection", "");
    old.put("partition", "");
    old.put("row_count", 0);
    old.put("columns", List.of());
    old.put("source_ts", 0L);
    old.put("ts", 42L);
    old.put("intent", 0L);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v3).encode(old, out);

    ProxyChange change = AvroSerde.of(ProxyChange.class).deserializer().deserialize("t", out.toByteArray());

    assertThat(change.getKind()).isEqualTo(ProxyChangeKind.TICK);
    assertThat(change.getTs()).isEqualTo(42L);
    assertThat(change.getJobId()).isNull();
    assertThat(change.getDetail()).isNull();
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
