package dev.milvusmigrate.milvus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.milvusmigrate.schemas.avro.PackedValues;
import dev.milvusmigrate.schemas.avro.PrimaryKeys;
import dev.milvusmigrate.schemas.avro.StringValues;
import dev.milvusmigrate.schemas.columns.LittleEndianPacker;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExpressionsTest {

  @Test
  void stringKeysAreQuotedWithBackslashesAndQuotesEscaped() {
    assertThat(Expressions.greaterThan("name", "a\"b\\c")).isEqualTo("name > \"a\\\"b\\\\c\"");
  }

  @Test
  void integerKeysAreBare() {
    assertThat(Expressions.greaterThan("id", -5L)).isEqualTo("id > -5");
  }

  @Test
  void allRowsNeedsAPredicateOnTheKey() {
    assertThat(Expressions.allRows("id", false)).isEqualTo("id >= 0 || id < 0");
    assertThat(Expressions.allRows("name", true)).isEqualTo("name >= \"\"");
  }

  @Test
  void keyListsForDeletesAndLookups() {
    assertThat(Expressions.in(new PrimaryKeys("id", new PackedValues(LittleEndianPacker.packLongs(new long[] {1, -2})))))
        .isEqualTo("id in [1, -2]");
    assertThat(Expressions.in(new PrimaryKeys("name", new StringValues(List.of("x", "y\"")))))
        .isEqualTo("name in [\"x\", \"y\\\"\"]");
  }

  @Test
  void otherKeyTypesAreRejected() {
    assertThatThrownBy(() -> Expressions.literal(1.5))
        .hasMessage("a primary key must be a Long or a String, not java.lang.Double");
  }
}
