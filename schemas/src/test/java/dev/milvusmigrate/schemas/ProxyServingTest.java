package dev.milvusmigrate.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import dev.milvusmigrate.schemas.avro.ProxyChange;
import dev.milvusmigrate.schemas.avro.ProxyChangeKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProxyServingTest {

  private static final String SOURCE = "http://s:19530";

  private static ProxyChange step(ProxyChangeKind kind, String job, String detail) {
    return ProxyChange.newBuilder().setSequence(1).setKind(kind).setDatabase("").setCollection("").setPartition("")
        .setRowCount(0).setSourceTs(0).setJobId(job).setDetail(detail).build();
  }

  @Test
  void theSourceIsServedUntilACutoverOfTheJob() {
    assertThat(ProxyServing.describe("j1", "lite", SOURCE, List.of())).isEqualTo("The capture-proxy for source"
        + " 'lite' serves the source http://s:19530; `milvus-migrate cutover j1` switches it to the target.");
  }

  @Test
  void theJobsLastStepSaysWhetherTheWritesAreHeldOrWhyTheCutoverWasGivenUp() {
    List<ProxyChange> state = List.of(step(ProxyChangeKind.CUTOVER_STARTED, "j1", null),
        step(ProxyChangeKind.CUTOVER_ABANDONED, "j1", "The cutover of job j1 was given up because x."),
        step(ProxyChangeKind.CUTOVER_STARTED, "j2", null));

    assertThat(ProxyServing.describe("j1", "lite", SOURCE, state))
        .isEqualTo("The cutover of job j1 was given up because x.");
    assertThat(ProxyServing.describe("j2", "lite", SOURCE, state))
        .isEqualTo("Cutover under way: the capture-proxy for source 'lite' holds the writes.");
  }

  @Test
  void aSwitchIsForGoodWhicheverJobMadeIt() {
    List<ProxyChange> state = List.of(step(ProxyChangeKind.CUTOVER_STARTED, "j2", null),
        step(ProxyChangeKind.SWITCHED, "j2", "http://t:19530"), step(ProxyChangeKind.CUTOVER_ABANDONED, "j3", "x"));

    assertThat(ProxyServing.describe("j2", "lite", SOURCE, state))
        .isEqualTo("The capture-proxy for source 'lite' serves the target http://t:19530.");
    assertThat(ProxyServing.describe("j3", "lite", SOURCE, state))
        .isEqualTo("The capture-proxy for source 'lite' serves the target http://t:19530 since the cutover of job j2.");
  }

  @Test
  void aNewJobIsRefusedAProxyThatSwitchedToItsTarget() {
    assertThat(ProxyServing.refusal("lite", List.of(step(ProxyChangeKind.CUTOVER_ABANDONED, "j1", "x")))).isEmpty();
    assertThat(ProxyServing.refusal("lite", List.of(step(ProxyChangeKind.SWITCHED, "j2", "http://t:19530"))))
        .contains("The capture-proxy for source 'lite' serves the target http://t:19530 since the cutover of job j2"
            + " and records no writes any more: to migrate from that server, run a capture-proxy with a new"
            + " proxy.source-id in front of it.");
  }
}
