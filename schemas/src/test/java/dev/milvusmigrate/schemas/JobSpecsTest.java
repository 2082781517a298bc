package dev.milvusmigrate.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import dev.milvusmigrate.schemas.avro.AutoIdKeys;
import dev.milvusmigrate.schemas.avro.IndexPolicy;
import dev.milvusmigrate.schemas.avro.JobSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobSpecsTest {

  @Test
  void anOfflineJobLoadsTheTargetOnlyWhenAsked() {
    assertThat(JobSpecs.loadsTargetAtEnd(offline(false))).isFalse();
    assertThat(JobSpecs.loadsTargetAtEnd(offline(true))).isTrue();
  }

  @Test
  void aZeroDowntimeJobThroughACaptureProxyLeavesTheTargetLoadedForTheCutover() {
    JobSpec fromTheLog = JobSpecs.zeroDowntime("zdm-1", IndexPolicy.AUTOINDEX, "source", "target");
    JobSpec throughAProxy = JobSpecs.zeroDowntime("zdm-2", IndexPolicy.AUTOINDEX, "source", "target");
    throughAProxy.setCaptureProxy("orders");

    assertThat(JobSpecs.loadsTargetAtEnd(fromTheLog)).isFalse();
    assertThat(JobSpecs.loadsTargetAtEnd(throughAProxy)).isTrue();
  }

  private static JobSpec offline(boolean load) {
    return JobSpecs.offline("offline-1", "db", List.of(), null, load, IndexPolicy.AUTOINDEX, AutoIdKeys.KEEP,
        "source", "target");
  }
}
