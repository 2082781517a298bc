package dev.milvusmigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.milvusmigrate.core.config.ConfigKey;
import dev.milvusmigrate.core.config.ConfigSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard of docker-compose.yml queries only metrics the services export, and its
 * Prometheus scrapes every service on its metrics port.
 */
class GrafanaDashboardTest {

  private static final Path ROOT = Path.of("..");
  private static final Path DASHBOARD = ROOT.resolve("deploy/grafana/dashboards/milvus-migrate.json");
  /** Series Prometheus makes itself for every scrape target. */
  private static final Set<String> PROMETHEUS_OWN = Set.of("up");

  private final Set<String> exported = ExportedMetrics.all(ROOT);

  @Test
  void everyMetricTheDashboardQueriesIsExported() {
    JsonNode dashboard = read(new ObjectMapper(), DASHBOARD);

    assertThat(queriedNames(dashboard)).as("metrics the dashboard queries")
        .contains("milvus_migrate_sink_rows_applied_total", "milvus_migrate_lag_behind_source_seconds",
            "kafka_consumer_fetch_manager_records_lag_max", "jvm_memory_used_bytes");
    assertThat(unknownNames(dashboard)).as("metrics the dashboard queries that no service exports").isEmpty();
  }

  @Test
  void aQueryOfAMetricNoServiceExportsIsCaught() {
    ObjectNode dashboard = (ObjectNode) read(new ObjectMapper(), DASHBOARD);
    ObjectNode target = (ObjectNode) dashboard.findValue("targets").get(0);
    target.put("expr", "rate(milvus_migrate_sink_rows_copied_total[1m])");

    assertThat(unknownNames(dashboard)).containsExactly("milvus_migrate_sink_rows_copied_total");
  }

  @Test
  void theServicesOwnMetersAreReadFromTheirDeclarations() {
    assertThat(ExportedMetrics.declared(ROOT)).contains("milvus_migrate_sink_errors_total",
        "milvus_migrate_capture_restarts_total", "milvus_migrate_lag_behind_source_seconds",
        "milvus_migrate_jobs_without_live_service", "milvus_migrate_proxy_acknowledged_rows_total");
  }

  @Test
  void prometheusScrapesEveryServiceOnItsMetricsPort() {
    JsonNode prometheus = read(new YAMLMapper(), ROOT.resolve("deploy/prometheus/prometheus.yml"));
    JsonNode compose = read(new YAMLMapper(), ROOT.resolve("docker-compose.yml")).path("services");
    List<String> targets = new ArrayList<>();
    prometheus.path("scrape_configs").forEach(job -> job.path("static_configs")
        .forEach(config -> config.path("targets").forEach(target -> targets.add(target.asText()))));

    for (ConfigSpec spec : ConfigurationDoc.SERVICES) {
      ConfigKey<?> port = spec.keys().stream().filter(key -> key.name().equals("metrics.port")).findFirst()
          .orElseThrow();
      assertThat(compose.path(spec.service()).path("environment").has(port.envName()))
          .as("%s keeps its default metrics port in docker-compose.yml", spec.service()).isFalse();
      assertThat(targets).contains(spec.service() + ":" + port.defaultText().orElseThrow());
    }
    assertThat(compose.path("grafana").path("volumes").toString()).contains("./deploy/grafana/dashboards");
    assertThat(compose.path("prometheus").path("volumes").toString()).contains("./deploy/prometheus/prometheus.yml");
  }

  @Test
  void theDashboardUsesTheProvisionedDatasource() {
    JsonNode datasource = read(new YAMLMapper(), ROOT.resolve("deploy/grafana/provisioning/datasources/prometheus.yml"))
        .path("datasources").get(0);
    JsonNode dashboard = read(new ObjectMapper(), DASHBOARD);

    assertThat(dashboard.findValues("datasource")).isNotEmpty()
        .allSatisfy(used -> assertThat(used.path("uid").asText()).isEqualTo(datasource.path("uid").asText()));
  }

  private Set<String> unknownNames(JsonNode dashboard) {
    Set<String> unknown = queriedNames(dashboard);
    unknown.removeAll(exported);
    return unknown;
  }

  /** The metric names of every panel's query and every variable's query. */
  private static Set<String> queriedNames(JsonNode dashboard) {
    Set<String> names = new TreeSet<>();
    dashboard.findValues("expr").forEach(expr -> names.addAll(PromQlMetricNames.of(expr.asText())));
    dashboard.path("templating").path("list").forEach(variable -> names.addAll(
        PromQlMetricNames.ofVariableQuery(variable.path("query").path("query").asText())));
    names.removeAll(PROMETHEUS_OWN);
    return names;
  }

  private static JsonNode read(ObjectMapper mapper, Path file) {
    try {
      return mapper.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
