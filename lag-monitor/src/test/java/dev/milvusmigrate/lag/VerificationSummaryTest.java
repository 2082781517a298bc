package dev.milvusmigrate.lag;

import static org.assertj.core.api.Assertions.assertThat;

import dev.milvusmigrate.schemas.avro.VerificationReport;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerificationSummaryTest {

  @Test
  void namesEveryKindOfDifference() {
    VerificationReport report = VerificationReport.newBuilder(Facts.report("j", 1, "c1", 100, 3))
        .setUnexpectedInTarget(2).setMismatched(4).setSampled(50)
        .setSchemaDifferences(List.of("field vec: dim 8 on source, 16 on target")).build();

    assertThat(VerificationSummary.failedCollection(report)).isEqualTo("db.c1 (schema differs: field vec: dim 8 on"
        + " source, 16 on target, 3 missing in target, 2 unexpected in target, 4 of 50 sampled entities differ)");
  }

  @Test
  void namesDistinctKeyCountsWhenNoKeyIsMissingOrUnexpected() {
    VerificationReport report = VerificationReport.newBuilder(Facts.report("j", 1, "c1", 100, 0))
        .setTargetDistinctKeys(99).build();

    assertThat(VerificationSummary.differences(report)).isEqualTo("100 distinct keys in source, 99 in target");
  }

  @Test
  void namesRowsThatRepeatAKeyOnTheTarget() {
    VerificationReport report = VerificationReport.newBuilder(Facts.report("j", 1, "c1", 100, 0))
        .setTargetCount(118).setExcessInTarget(18).build();

    assertThat(VerificationSummary.differences(report)).isEqualTo("18 rows in target repeat a key");
  }

  @Test
  void aPassedReportNamesNothing() {
    assertThat(VerificationSummary.failedCollection(Facts.report("j", 1, "c1", 100, 0))).isEqualTo("db.c1");
  }

  @Test
  void probabilitiesAreRoundedDownNeverUp() {
    assertThat(VerificationSummary.percentRoundedDown(0.990007)).isEqualTo("99");
    assertThat(VerificationSummary.percentRoundedDown(0.98999)).isEqualTo("98.9");
    assertThat(VerificationSummary.percentRoundedDown(0.11326)).isEqualTo("11.3");
    assertThat(VerificationSummary.percentRoundedDown(0.99999)).isEqualTo("99.9");
    assertThat(VerificationSummary.percentRoundedDown(1.0)).isEqualTo("100");
  }

  @Test
  void theCoverageOfASampleCountsTheEntitiesBothSidesHold() {
    VerificationReport report = VerificationReport.newBuilder(Facts.report("j", 1, "c1", 1_000, 10))
        .setSampled(990).setDetectionProbability(0.99).build();

    assertThat(VerificationSummary.coverage(report)).contains("sampled 990 of 990: differences in >= 0.1 % would"
        + " have been found with 99 % probability");
  }
}
