package dev.milvusmigrate.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.milvusmigrate.schemas.Samples;
import dev.milvusmigrate.schemas.avro.CommandType;
import dev.milvusmigrate.schemas.avro.ControlCommand;
import dev.milvusmigrate.schemas.avro.JobStatus;
import dev.milvusmigrate.schemas.avro.LagReport;
import dev.milvusmigrate.schemas.avro.ProgressEvent;
import dev.milvusmigrate.testkit.kafka.JsonContracts;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonSerdeTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  static Stream<SpecificRecordBase> samples() {
    return Stream.of(Samples.controlCommand(), Samples.jobStatus(), Samples.lagReport(), Samples.notification());
  }

  @ParameterizedTest
  @MethodSource("samples")
  @SuppressWarnings("unchecked")
  <T extends SpecificRecordBase> void writesReadableJsonThatValidatesAndReadsBack(T record) {
    JsonSerde<T> serde = JsonSerde.of((Class<T>) record.getClass());

    byte[] bytes = serde.serializer().serialize("t", record);
    String text = new String(bytes, StandardCharsets.UTF_8);

    assertThat(text).startsWith("{").contains("\"job_id\":\"job-1\"");
    assertThat(JsonContracts.violations(record.getClass().getSimpleName(), text)).isEmpty();
    assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(record);
  }

  @ParameterizedTest
  @MethodSource("samples")
  @SuppressWarnings("unchecked")
  <T extends SpecificRecordBase> void readsRecordsWrittenInAvroBeforeTheUpgrade(T record) {
    Class<T> type = (Class<T>) record.getClass();
    byte[] avro = AvroSerde.of(type).serializer().serialize("t", record);

    assertThat(JsonSerde.of(type).deserializer().deserialize("t", avro)).isEqualTo(record);
  }

  @Test
  void nestedAndNullableFieldsArePlainJson() throws IOException {
    JsonNode status = JSON.readTree(JsonSerde.of(JobStatus.class).serializer().serialize("t", Samples.jobStatus()));
    JsonNode lag = JSON.readTree(JsonSerde.of(LagReport.class).serializer().serialize("t", Samples.lagReport()));

    assertThat(status.get("state").asText()).isEqualTo("IN_PROGRESS");
    assertThat(status.get("reason").isNull()).isTrue();
    assertThat(status.get("error_details").asText()).isEqualTo("none yet");
    assertThat(status.get("collections").get(1).get("rows_copied").asLong()).isEqualTo(7);
    assertThat(lag.get("lag_ms").asLong()).isEqualTo(1_250);
    assertThat(lag.get("partitions").get(1).get("partition").asInt()).isEqualTo(1);
  }

  @Test
  void aHandWrittenCommandTakesTheDefaultsOfTheFieldsItLeavesOut() {
    String typed = "{\"command_id\":\"c1\",\"job_id\":\"j1\",\"type\":\"STOP_SYNC\",\"issued_at\":1,\"extra\":\"ignored\"}";

    ControlCommand command = JsonSerde.of(ControlCommand.class).deserializer()
        .deserialize("t", typed.getBytes(StandardCharsets.UTF_8));

    assertThat(command.getType()).isEqualTo(CommandType.STOP_SYNC);
    assertThat(command.getWritesStoppedConfirmed()).isFalse();
    assertThat(command.getRequestedBy()).isNull();
  }

  @Test
  void aHandWrittenCutoverIsRead() {
    String typed = "{\"command_id\":\"c2\",\"job_id\":\"j1\",\"type\":\"CUTOVER\",\"issued_at\":1}";

    ControlCommand command = JsonSerde.of(ControlCommand.class).deserializer()
        .deserialize("t", typed.getBytes(StandardCharsets.UTF_8));

    assertThat(command.getType()).isEqualTo(CommandType.CUTOVER);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "stop it please",
      "[1, 2]",
      "",
      "{\"command_id\":\"c1\",\"type\":\"STOP_SYNC\",\"issued_at\":1}",
      "{\"command_id\":\"c1\",\"job_id\":\"j1\",\"type\":\"PAUSE\",\"issued_at\":1}",
      "{\"command_id\":\"c1\",\"job_id\":\"j1\",\"type\":\"CANCEL\",\"issued_at\":\"now\"}",
      "{\"command_id\":\"c1\",\"job_id\":\"j1\",\"type\":\"CANCEL\",\"issued_at\":1} {}"})
  void anythingElseIsAPayloadDecodeFailure(String typed) {
    byte[] bytes = typed.getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> JsonSerde.of(ControlCommand.class).deserializer().deserialize("t", bytes))
        .isInstanceOf(PayloadDecodeException.class)
        .hasMessageStartingWith("Cannot decode " + bytes.length + " bytes as ControlCommand: ");
  }

  @Test
  void aDecodeFailureNamesTheFieldThatDoesNotFit() {
    byte[] bytes = "{\"command_id\":\"c1\",\"job_id\":\"j1\",\"type\":\"PAUSE\",\"issued_at\":1}"
        .getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> JsonSerde.of(ControlCommand.class).deserializer().deserialize("t", bytes))
        .hasMessageContaining("field type must be one of STOP_SYNC, CANCEL, STATUS_REQUEST, CUTOVER");
  }

  @ParameterizedTest
  @MethodSource("samples")
  void theJsonSchemaNamesEveryFieldAndRequiresThoseWithoutDefault(SpecificRecordBase record) throws IOException {
    Schema avro = SpecificData.get().getSchema(record.getClass());
    JsonNode jsonSchema;
    try (InputStream in = getClass().getResourceAsStream(
        "/dev/milvusmigrate/schemas/json/" + avro.getName() + ".schema.json")) {
      jsonSchema = JSON.readTree(in);
    }
    Set<String> properties = new HashSet<>();
    jsonSchema.get("properties").fieldNames().forEachRemaining(properties::add);
    Set<String> required = new HashSet<>();
    jsonSchema.get("required").forEach(name -> required.add(name.asText()));

    assertThat(properties).containsExactlyInAnyOrderElementsOf(avro.getFields().stream().map(Schema.Field::name).toList());
    assertThat(required).containsExactlyInAnyOrderElementsOf(
        avro.getFields().stream().filter(f -> !f.hasDefaultValue()).map(Schema.Field::name).toList());
  }

  @Test
  void theHumanFacingContractsTravelAsJsonAndThePipelinesAsAvro() {
    assertThat(ContractSerde.of(LagReport.class)).isInstanceOf(JsonSerde.class);
    assertThat(ContractSerde.of(ControlCommand.class)).isInstanceOf(JsonSerde.class);
    assertThat(ContractSerde.of(ProgressEvent.class)).isInstanceOf(AvroSerde.class);
  }
}
