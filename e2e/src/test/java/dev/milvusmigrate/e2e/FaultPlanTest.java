package dev.milvusmigrate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class FaultPlanTest {

  @Test
  void theQuickSuiteIsThreeRunsOfOneFault() {
    FaultPlan plan = FaultPlan.of("quick", null, null);

    assertThat(plan.runs()).containsExactly(new FaultPlan.Run(List.of(Fault.KILL_SINK), Fault.Phase.SYNC),
        new FaultPlan.Run(List.of(Fault.KILL_EXPORTER), Fault.Phase.SNAPSHOT),
        new FaultPlan.Run(List.of(Fault.TARGET_DOWN), Fault.Phase.SYNC));
  }

  @Test
  void theFullSuiteRunsEveryKindInBothPhasesWithTwoFaultsEachSoAtLeastFifty() {
    FaultPlan plan = FaultPlan.of("full", null, null);

    assertThat(plan.runs()).hasSize(2 * Fault.values().length);
    assertThat(plan.faults()).isEqualTo(4 * Fault.values().length).isGreaterThanOrEqualTo(50);
    assertThat(plan.runs().get(0).faults()).containsExactly(Fault.values()[0], Fault.values()[1]);
    assertThat(plan.runs().get(plan.runs().size() - 1).faults()).containsExactly(
        Fault.values()[Fault.values().length - 1], Fault.values()[0]);
  }

  @Test
  void onlyRunsTheChosenKindsInBothPhasesOneFaultPerRunUnlessTold() {
    assertThat(FaultPlan.of("quick", "broker_kill, SINK_SCALE", null).runs()).containsExactly(
        new FaultPlan.Run(List.of(Fault.BROKER_KILL), Fault.Phase.SNAPSHOT),
        new FaultPlan.Run(List.of(Fault.BROKER_KILL), Fault.Phase.SYNC),
        new FaultPlan.Run(List.of(Fault.SINK_SCALE), Fault.Phase.SNAPSHOT),
        new FaultPlan.Run(List.of(Fault.SINK_SCALE), Fault.Phase.SYNC));
    assertThat(FaultPlan.of("full", "BROKER_KILL,SINK_SCALE", 2).runs().get(2).faults())
        .containsExactly(Fault.SINK_SCALE, Fault.BROKER_KILL);
  }

  @Test
  void anUnknownKindOrSuiteIsNamed() {
    assertThatThrownBy(() -> FaultPlan.of("full", "BROKER_NAP", null)).hasMessageContaining("BROKER_NAP");
    assertThatThrownBy(() -> FaultPlan.of("most", null, null)).hasMessageContaining("quick or full, not most");
    assertThatThrownBy(() -> FaultPlan.of("full", null, 0)).hasMessageContaining("1 or more");
  }
}
