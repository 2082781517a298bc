package dev.milvusmigrate.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.milvusmigrate.schemas.avro.ProxyChange;
import org.junit.jupiter.api.Test;

class CutoverOutcomeTest {

  private static ProxyChange switched(String job) {
    return CutoverOutcome.switched(job, "http://target:19530").setTs(1).build();
  }

  private static ProxyChange abandoned(String job) {
    return CutoverOutcome.abandoned(job, "The cutover of job " + job + " was given up.").setTs(1).build();
  }

  @Test
  void withoutACutoverTheProxyServesTheSource() {
    CutoverOutcome outcome = new CutoverOutcome();

    assertThat(outcome.switchedBy()).isEmpty();
    assertThat(outcome.open()).isEmpty();
  }

  @Test
  void anAbandonedCutoverLeavesTheProxyOnTheSource() {
    CutoverOutcome outcome = new CutoverOutcome();
    outcome.add(abandoned("j1"));

    assertThat(outcome.switchedBy()).isEmpty();
    assertThat(outcome.open()).isEmpty();
  }

  @Test
  void aCutoverStartedAndNotEndedIsOpenUntilItsOutcome() {
    CutoverOutcome outcome = new CutoverOutcome();
    outcome.add(CutoverOutcome.started("j1").setTs(1).build());

    assertThat(outcome.open()).contains("j1");
    assertThat(outcome.switchedBy()).isEmpty();

    outcome.add(abandoned("j1"));
    assertThat(outcome.open()).isEmpty();
    outcome.add(CutoverOutcome.started("j2").setTs(1).build());
    assertThat(outcome.open()).contains("j2");
    outcome.add(switched("j2"));
    assertThat(outcome.open()).isEmpty();
    outcome.add(CutoverOutcome.started("j3").setTs(1).build());
    assertThat(outcome.open()).as("after a switch no cutover holds the writes again").isEmpty();
  }

  @Test
  void onceSwitchedTheProxyServesTheTargetWhateverFollows() {
    CutoverOutcome outcome = new CutoverOutcome();
    outcome.add(abandoned("j1"));
    outcome.add(switched("j2"));
    outcome.add(abandoned("j3"));
    outcome.add(switched("j4"));

    assertThat(outcome.switchedBy().orElseThrow().getJobId()).isEqualTo("j2");
    assertThat(outcome.switchedBy().orElseThrow().getDetail()).isEqualTo("http://target:19530");
  }
}
