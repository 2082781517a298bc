package dev.milvusmigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.milvusmigrate.schemas.avro.ProxyChange;
import dev.milvusmigrate.schemas.avro.ProxyChangeKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class CutoverLineTest {

  private static ProxyChange step(ProxyChangeKind kind, String job, String detail) {
    return ProxyChange.newBuilder().setSequence(1).setKind(kind).setDatabase("").setCollection("").setPartition("")
        .setRowCount(0).setSourceTs(0).setJobId(job).setDetail(detail).build();
  }

  @Test
  void theJobsLastStepSaysWhichServerTheProxyServes() {
    List<ProxyChange> state = List.of(step(ProxyChangeKind.CUTOVER_STARTED, "j1", null),
        step(ProxyChangeKind.CUTOVER_ABANDONED, "j1", "The cutover of job j1 was given up because x."),
        step(ProxyChangeKind.CUTOVER_STARTED, "j2", null));

    assertThat(CutoverLine.of("j1", "lite", state))
        .contains("Cutover:    The cutover of job j1 was given up because x.\n");
    assertThat(CutoverLine.of("j2", "lite", state))
        .contains("Cutover:    under way: the capture-proxy for source 'lite' holds the writes.\n");
    assertThat(CutoverLine.of("j2", "lite", List.of(step(ProxyChangeKind.SWITCHED, "j2", "http://t:19530"))))
        .contains("Cutover:    the capture-proxy for source 'lite' serves the target http://t:19530.\n");
    assertThat(CutoverLine.of("j3", "lite", state)).isEmpty();
  }
}
