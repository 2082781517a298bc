package dev.milvusmigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlMetricNamesTest {

  @Test
  void namesTheSelectedMetricsOnly() {
    assertThat(PromQlMetricNames.of(
        "sum by (job_id, stream) (rate(milvus_migrate_sink_rows_applied_total{job_id=~\"$job_id\", x=\"a b\"}"
            + "[$__rate_interval])) / on(job_id) group_left max without (op) (other_metric offset 5m) > bool 10"))
        .containsExactly("milvus_migrate_sink_rows_applied_total", "other_metric");
  }

  @Test
  void labelValuesNamesItsMetricNotItsLabel() {
    assertThat(PromQlMetricNames.ofVariableQuery("label_values(milvus_migrate_sink_batches_total{stream=\"x\"}, job_id)"))
        .containsExactly("milvus_migrate_sink_batches_total");
  }
}
