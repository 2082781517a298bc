package dev.milvusmigrate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class VersionMatrixTableTest {

  @Test
  void cellsListTheShapesByOutcomeAndRefusalsAreSpelledOutBelow() {
    VersionMatrixTable table = new VersionMatrixTable(List.of("A", "B"));
    table.add(new VersionMatrixTable.Result("A", "B", "scalars", new MatrixOutcome(MatrixOutcome.Kind.EXACT, "")));
    table.add(new VersionMatrixTable.Result("A", "B", "auto", new MatrixOutcome(MatrixOutcome.Kind.EXACT, "")));
    table.add(new VersionMatrixTable.Result("A", "B", "half",
        new MatrixOutcome(MatrixOutcome.Kind.REFUSED, "field 'h' | no")));
    table.add(new VersionMatrixTable.Result("B", "A", "x", new MatrixOutcome(MatrixOutcome.Kind.FAILED, "silent")));

    assertThat(table.markdown()).isEqualTo("""
        | source \\ target | A | B |
        |---|---|---|
        | **A** |  | exact: scalars, auto<br>refused: half |
        | **B** | **FAILED**: x |  |

        Refusals and failures, with the message the tool printed:

        - A → B, half: refused — field 'h' \\| no
        - B → A, x: **FAILED** — silent
        """);
    assertThat(table.failures()).extracting(VersionMatrixTable.Result::shape).containsExactly("x");
  }

  @Test
  void sourcesAndTargetsMayDiffer() {
    VersionMatrixTable table = new VersionMatrixTable(List.of("A on Kafka"), List.of("B", "C"));
    table.add(new VersionMatrixTable.Result("A on Kafka", "C", "auto",
        new MatrixOutcome(MatrixOutcome.Kind.AUTO_ID_OFF_SAID, "")));

    assertThat(table.markdown()).isEqualTo("""
        | source \\ target | B | C |
        |---|---|---|
        | **A on Kafka** |  | keys kept, auto_id off (said): auto |
        """);
  }
}
