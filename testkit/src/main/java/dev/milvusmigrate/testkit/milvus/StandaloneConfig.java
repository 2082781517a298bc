package dev.milvusmigrate.testkit.milvus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders the {@code milvus.yaml} of a standalone instance from the template shipped in the PyPI
 * package. The template marks per-instance values as {@code {{ key(type): default }}}; the
 * message queue, channel prefix and embedded etcd listeners are set by replacing known lines,
 * and rendering fails loudly if a future template no longer contains them.
 */
final class StandaloneConfig {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(.*?)}}");

  private StandaloneConfig() {
  }

  /** Writes configs/milvus.yaml, configs/glog.conf and configs/embedEtcd.yaml under {@code directory}. */
  static Path write(Path distribution, Path directory, StandalonePorts ports, StandaloneOptions options) {
    try {
      Path configs = Files.createDirectories(directory.resolve("configs"));
      Path etcdConfig = configs.resolve("embedEtcd.yaml");
      Files.writeString(etcdConfig, embeddedEtcd(ports));
      Files.copy(distribution.resolve("glog.conf"), configs.resolve("glog.conf"));
      String template = Files.readString(distribution.resolve("config.yaml.template"));
      String yaml = withOptions(fillPlaceholders(template, placeholderValues(directory, ports, options)), options, etcdConfig);
      Files.writeString(configs.resolve("milvus.yaml"), yaml);
      return configs;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write the Milvus standalone config in " + directory, e);
    }
  }

  private static Map<String, String> placeholderValues(Path directory, StandalonePorts ports,
      StandaloneOptions options) {
    Map<String, String> values = sharedPlaceholders(directory, ports, options);
    values.put("rocksmq_data_dir", directory.resolve("data").resolve("rocksmq").toString());
    options.tls().ifPresent(tls -> {
      values.put("tls_mode", Integer.toString(tls.mode()));
      values.put("server_pem_path", tls.certificates().serverCertificatePem().toString());
      values.put("server_key_path", tls.certificates().serverKeyPem().toString());
      values.put("ca_pem_path", tls.certificates().caPem().toString());
    });
    return values;
  }

  /** The placeholders the templates of 2.3 and 2.2 share: etcd, storage, logs, every port, authorization. */
  static Map<String, String> sharedPlaceholders(Path directory, StandalonePorts ports, StandaloneOptions options) {
    Path data = directory.resolve("data");
    Path logs = directory.resolve("logs");
    return new HashMap<>(Map.ofEntries(
        Map.entry("etcd_port", Integer.toString(ports.etcdClient())),
        Map.entry("etcd_log_path", logs.resolve("etcd.log").toString()),
        Map.entry("etcd_data_dir", data.resolve("etcd.data").toString()),
        Map.entry("local_storage_dir", data.toString()),
        Map.entry("system_log_path", logs.toString()),
        Map.entry("root_coord_port", Integer.toString(ports.rootCoord())),
        Map.entry("proxy_port", Integer.toString(ports.proxy())),
        Map.entry("proxy_internal_port", Integer.toString(ports.proxyInternal())),
        Map.entry("query_coord_port", Integer.toString(ports.queryCoord())),
        Map.entry("query_node_port", Integer.toString(ports.queryNode())),
        Map.entry("index_coord_port", Integer.toString(ports.indexCoord())),
        Map.entry("index_node_port", Integer.toString(ports.indexNode())),
        Map.entry("data_coord_port", Integer.toString(ports.dataCoord())),
        Map.entry("data_node_port", Integer.toString(ports.dataNode())),
        Map.entry("authorization_enabled", Boolean.toString(options.authorization()))));
  }

  /** Replaces each placeholder with its value, or with the template's default when none is given. */
  static String fillPlaceholders(String template, Map<String, String> values) {
    Matcher matcher = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String[] keyAndDefault = matcher.group(1).split(":", 2);
      String key = keyAndDefault[0].replaceAll("\\(.*\\)", "").trim();
      String value = values.get(key);
      if (value == null && keyAndDefault.length == 2) {
        value = keyAndDefault[1].trim();
      }
      if (value == null) {
        throw new IllegalStateException("The Milvus config template needs a value for " + key);
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  private static String withOptions(String yaml, StandaloneOptions options, Path etcdConfig) {
    String result = replaceOnce(yaml, "    cluster: by-dev\n", "    cluster: " + options.clusterPrefix() + "\n");
    result = replaceOnce(result, "  use:\n    embed: true",
        "  config:\n    path: " + etcdConfig + "\n  use:\n    embed: true");
    result = replaceEvery(result, "  ip: # if not specify address, will use the first unicastable address as local ip\n",
        "  ip: 127.0.0.1\n");
    if (options.kafkaBootstrapServers().isPresent()) {
      result = replaceOnce(result, "  type: rocksmq\n", "  type: kafka\n");
      result = replaceOnce(result, "# kafka:\n#   brokerList:\n",
          "kafka:\n  brokerList: " + options.kafkaBootstrapServers().get() + "\n"
              + options.kafkaLogin().map(StandaloneKafkaLogin::yaml).orElse(""));
    }
    if (options.pulsar().isPresent()) {
      StandalonePulsar pulsar = options.pulsar().get();
      result = replaceOnce(result, "  type: rocksmq\n", "  type: pulsar\n");
      result = replaceOnce(result, "  address: localhost # Address of pulsar\n", "  address: " + pulsar.host() + "\n");
      result = replaceOnce(result, "  port: 6650 # Port of Pulsar\n", "  port: " + pulsar.brokerPort() + "\n");
      result = replaceOnce(result, "  webport: 80 #", "  webport: " + pulsar.webPort() + " #");
    }
    return result;
  }

  /** The embedded etcd listens on 2379/2380 unless told otherwise, which would clash between instances. */
  static String embeddedEtcd(StandalonePorts ports) {
    String client = "http://127.0.0.1:" + ports.etcdClient();
    String peer = "http://127.0.0.1:" + ports.etcdPeer();
    return "listen-client-urls: " + client + "\n"
        + "advertise-client-urls: " + client + "\n"
        + "listen-peer-urls: " + peer + "\n"
        + "initial-advertise-peer-urls: " + peer + "\n"
        + "initial-cluster: default=" + peer + "\n";
  }

  /** Components register this address for each other; the machine's first interface may not be reachable. */
  private static String replaceEvery(String text, String expected, String replacement) {
    if (!text.contains(expected)) {
      throw new IllegalStateException("The Milvus config template does not contain '" + expected.strip() + "'");
    }
    return text.replace(expected, replacement);
  }

  static String replaceOnce(String text, String expected, String replacement) {
    int at = text.indexOf(expected);
    if (at < 0 || text.indexOf(expected, at + 1) >= 0) {
      throw new IllegalStateException("The Milvus config template does not contain exactly one '" + expected.strip() + "'");
    }
    return text.substring(0, at) + replacement + text.substring(at + expected.length());
  }
}
