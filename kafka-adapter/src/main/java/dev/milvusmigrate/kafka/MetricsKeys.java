package dev.milvusmigrate.kafka;

import dev.milvusmigrate.core.config.ConfigKey;

/**
 * The metrics setting every service declares, named and documented once. Each service has its own
 * default port, so the four services can run on one host without setting it.
 */
public final class MetricsKeys {

  private MetricsKeys() {}

  /** {@code metrics.port}: where the service serves {@code GET /metrics}; 0 turns the endpoint off. */
  public static ConfigKey<Integer> port(int defaultPort) {
    return ConfigKey.integer("metrics.port", defaultPort, 0, 65_535,
        "Port of the HTTP endpoint GET /metrics (Prometheus text format) of the service run on its own;"
            + " 0 turns it off.");
  }
}
