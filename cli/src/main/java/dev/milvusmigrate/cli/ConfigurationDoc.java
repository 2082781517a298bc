package dev.milvusmigrate.cli;

import dev.milvusmigrate.core.config.ConfigSpec;
import dev.milvusmigrate.capture.CaptureConfig;
import dev.milvusmigrate.console.ConsoleConfig;
import dev.milvusmigrate.exporter.ExporterConfig;
import dev.milvusmigrate.lag.LagMonitorConfig;
import dev.milvusmigrate.proxy.ProxyConfig;
import dev.milvusmigrate.sink.SinkConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Generates docs/CONFIGURATION.md from the services' config declarations, so the documented
 * keys, defaults and meanings are the ones the code reads. A test fails when the file is stale;
 * regenerate from the repository root with
 * {@code mvn -q -pl cli exec:java -Dexec.mainClass=dev.milvusmigrate.cli.ConfigurationDoc}.
 */
public final class ConfigurationDoc {

  static final Path FILE = Path.of("docs", "CONFIGURATION.md");
  static final List<ConfigSpec> SERVICES = List.of(ExporterConfig.SPEC, CaptureConfig.SPEC, SinkConfig.SPEC, LagMonitorConfig.SPEC,
      ProxyConfig.SPEC, ConsoleConfig.SPEC);

  private ConfigurationDoc() {}

  public static void main(String[] args) throws IOException {
    Path root = args.length > 0 ? Path.of(args[0]) : Files.isDirectory(Path.of("docs")) ? Path.of(".") : Path.of("..");
    Files.writeString(root.resolve(FILE), render());
  }

  static String render() {
    StringBuilder doc = new StringBuilder("""
        # Configuration of the services

        Generated from the code's declarations by `ConfigurationDoc`; do not edit by hand.

        Each service reads a properties file given with `--config FILE` (keys as below) and
        environment variables (which win over the file). Secrets (tokens, passwords, keys) are never
        logged. A missing required setting or a bad value stops the service at start with one sentence.

        The `kafka.security.protocol`, `kafka.sasl.*`, `kafka.ssl.*` and `kafka.client-properties` keys
        are given to every Kafka client of a service (producers, consumers, admin, Kafka Streams);
        cdc-capture's `capture.wal.*` keys of the same names are for the source's log Kafka when it is
        another one (`capture.wal.bootstrap`). The CLI reads the same keys (options `--kafka-*`).
        docs/DEPLOYMENT.md shows them for SASL_SSL and SSL.
        """);
    for (ConfigSpec spec : SERVICES) {
      doc.append("\n## ").append(spec.service()).append("\n\n").append(spec.toMarkdown());
    }
    return doc.toString();
  }
}
