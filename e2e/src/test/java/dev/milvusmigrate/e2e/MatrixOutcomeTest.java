package dev.milvusmigrate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MatrixOutcomeTest {

  private static final String SCHEMA = "{\"fields\": [{\"auto_id\": true, \"name\": \"key\"}, {\"auto_id\": false,"
      + " \"name\": \"half\"}]}";
  private static final List<String> SOURCE = List.of("{\"key\": 1}", SCHEMA);
  private static final List<String> TARGETS = List.of("a", "b");

  @Test
  void equalDumpsAfterASuccessAreExact() {
    assertThat(judge(0, "ended SUCCESSFUL", "", SOURCE, TARGETS).kind()).isEqualTo(MatrixOutcome.Kind.EXACT);
  }

  @Test
  void autoIdOffIsAcceptedOnlyWhereTheReportSaysSo() {
    List<String> off = List.of("{\"key\": 1}", SCHEMA.replace("\"auto_id\": true", "\"auto_id\": false"));

    assertThat(judge(0, "ended SUCCESSFUL " + MatrixOutcome.AUTO_ID_NOTE, "", off, TARGETS).kind())
        .isEqualTo(MatrixOutcome.Kind.AUTO_ID_OFF_SAID);
    assertThat(judge(0, "ended SUCCESSFUL", "", off, TARGETS).detail()).startsWith("silent difference: line 2");
  }

  @Test
  void anElementLengthFilledInIsAcceptedOnlyWhereTheReportSaysSo() {
    List<String> source = List.of("{\"key\": 1}", "{\"dynamic\": false, \"fields\": [{\"element_type\":"
        + " \"VARCHAR\", \"name\": \"tags\", \"params\": {\"max_capacity\": 8}}]}");
    List<String> target = List.of("{\"key\": 1}", "{\"dynamic\": false, \"fields\": [{\"element_type\":"
        + " \"VARCHAR\", \"name\": \"tags\", \"params\": {\"max_capacity\": 8, \"max_length\": 65535}}]}");
    String said = "ended SUCCESSFUL " + MatrixOutcome.ELEMENT_LENGTH_NOTE + " 'tags'";

    assertThat(success(said, source, target).kind()).isEqualTo(MatrixOutcome.Kind.ELEMENT_LENGTH_SAID);
    assertThat(success("ended SUCCESSFUL", source, target).kind()).isEqualTo(MatrixOutcome.Kind.FAILED);
    assertThat(success(said, source, List.of("{\"key\": 2}", target.get(1))).kind())
        .isEqualTo(MatrixOutcome.Kind.FAILED);
  }

  @Test
  void aDifferentEntityIsASilentDifference() {
    MatrixOutcome outcome = judge(0, "ended SUCCESSFUL", "", List.of("{\"key\": 2}", SCHEMA), TARGETS);

    assertThat(outcome.kind()).isEqualTo(MatrixOutcome.Kind.FAILED);
    assertThat(outcome.detail()).contains("line 1: {\"key\": 1} became {\"key\": 2}");
  }

  @Test
  void aRefusalNamingAFieldWithNothingWrittenIsARefusal() {
    MatrixOutcome outcome = judge(2, "", "\nfield 'half' of type FLOAT16_VECTOR (no such type)\nmore", List.of(), TARGETS);

    assertThat(outcome).isEqualTo(new MatrixOutcome(MatrixOutcome.Kind.REFUSED,
        "field 'half' of type FLOAT16_VECTOR (no such type)"));
  }

  @Test
  void aRefusalAfterAWriteOrWithoutANameFails() {
    assertThat(judge(2, "", "field 'half' is missing", List.of(), List.of("a", "b", "c")).detail())
        .startsWith("refused after writing");
    assertThat(judge(2, "", "something is wrong", List.of(), TARGETS).kind()).isEqualTo(MatrixOutcome.Kind.FAILED);
  }

  @Test
  void anErrorFails() {
    assertThat(judge(1, "ended FAILED", "boom", List.of(), TARGETS).detail()).isEqualTo("exit 1: boom");
  }

  private static MatrixOutcome success(String out, List<String> sourceDump, List<String> targetDump) {
    return MatrixOutcome.judge(new MatrixOutcome.Observed("coll", 0, out, "", sourceDump, targetDump, TARGETS,
        TARGETS));
  }

  private static MatrixOutcome judge(int exit, String out, String err, List<String> targetDump, List<String> after) {
    return MatrixOutcome.judge(new MatrixOutcome.Observed("coll", exit, out, err, SOURCE, targetDump, TARGETS, after));
  }
}
