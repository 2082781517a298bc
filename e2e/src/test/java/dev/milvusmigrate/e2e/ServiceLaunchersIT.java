package dev.milvusmigrate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.milvusmigrate.capture.CaptureConfig;
import dev.milvusmigrate.console.ConsoleConfig;
import dev.milvusmigrate.core.config.ConfigKey;
import dev.milvusmigrate.core.config.ConfigSpec;
import dev.milvusmigrate.exporter.ExporterConfig;
import dev.milvusmigrate.lag.LagMonitorConfig;
import dev.milvusmigrate.proxy.ProxyConfig;
import dev.milvusmigrate.sink.SinkConfig;
import dev.milvusmigrate.testkit.kafka.KafkaBroker;
import dev.milvusmigrate.testkit.kafka.KafkaBrokerExtension;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each service's launcher ({@code bin/<service>}, running {@code <service>/target/<service>.jar})
 * answers {@code --help} with its settings, and a bad configuration stops it before it connects
 * to anything: one sentence on stderr naming the setting and what to give, exit code 2. A Kafka
 * that cannot be reached within {@code connect.timeout} is one sentence naming its address, exit
 * code 1, and so is a Milvus that cannot be reached (that test uses the test kit's broker; the
 * others need no Kafka or Milvus). Runs after {@code package}, which builds the jars.
 */
class ServiceLaunchersIT {

  /** The services of the pipeline, which all reach Kafka at start. */
  private static final List<ConfigSpec> SERVICES = List.of(ExporterConfig.SPEC, CaptureConfig.SPEC, SinkConfig.SPEC,
      LagMonitorConfig.SPEC);
  /** Every launcher: the pipeline's services, the capture-proxy (preview) and the console. */
  private static final List<ConfigSpec> LAUNCHERS = Stream.concat(SERVICES.stream(), Stream.of(ProxyConfig.SPEC,
      ConsoleConfig.SPEC)).toList();
  /** A valid value of every required key, so that a test can leave out exactly one. */
  private static final Map<String, String> VALID_REQUIRED = Map.of("kafka.bootstrap", "localhost:9092",
      "source.uri", "http://localhost:19530", "target.uri", "http://localhost:19531");

  @TempDir
  Path output;

  static Stream<ConfigSpec> services() {
    return SERVICES.stream();
  }

  static Stream<ConfigSpec> launchers() {
    return LAUNCHERS.stream();
  }

  @BeforeAll
  static void jarsWereBuiltByPackage() {
    for (ConfigSpec spec : LAUNCHERS) {
      assertThat(LauncherRun.jarOf(spec.service())).as("run mvn package first").isRegularFile();
    }
  }

  @ParameterizedTest
  @MethodSource("launchers")
  void helpListsEverySettingWithItsVariable(ConfigSpec spec) throws Exception {
    LauncherRun run = LauncherRun.of(spec.service(), Map.of(), output, "--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.stdout()).startsWith("Usage: " + spec.service() + " [--config FILE]");
    for (ConfigKey<?> key : spec.keys()) {
      assertThat(run.stdout()).contains("`" + key.name() + "` | `" + key.envName() + "`");
    }
  }

  @ParameterizedTest
  @MethodSource("launchers")
  void aMissingRequiredSettingIsOneSentenceNamingItsVariable(ConfigSpec spec) throws Exception {
    List<ConfigKey<?>> required = spec.keys().stream().filter(key -> key.defaultText().isEmpty()).toList();
    ConfigKey<?> missing = required.get(required.size() - 1);
    Map<String, String> environment = new HashMap<>();
    for (ConfigKey<?> key : required.subList(0, required.size() - 1)) {
      assertThat(VALID_REQUIRED).as("a valid value of %s for this test", key.name()).containsKey(key.name());
      environment.put(key.envName(), VALID_REQUIRED.get(key.name()));
    }

    LauncherRun run = LauncherRun.of(spec.service(), environment, output);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.stderrLines()).containsExactly("Missing required setting '" + missing.name() + "' for "
        + spec.service() + ": set it in the config file or the environment variable " + missing.envName() + ".");
  }

  static Stream<Arguments> badValues() {
    return Stream.of(
        Arguments.of("snapshot-exporter", "kafka.bootstrap", "localhost:abc",
            "expected host:port pairs separated by commas, e.g. kafka:9092."),
        Arguments.of("snapshot-exporter", "source.uri", "http://milvus:port",
            "expected an address such as http://host:19530 or https://host:19530."),
        Arguments.of("cdc-capture", "capture.wal.bootstrap", "kafka:9092,kafka",
            "expected host:port pairs separated by commas, e.g. kafka:9092."),
        Arguments.of("cdc-capture", "capture.heartbeat.interval", "fast",
            "expected a duration such as 500ms, 10s, 5m, 7d or PT10S."),
        Arguments.of("sink-writer", "sink.retry.max-backoff", "30 seconds",
            "expected a duration such as 500ms, 10s, 5m, 7d or PT10S."),
        Arguments.of("lag-monitor", "lag.threshold", "10",
            "expected a duration such as 500ms, 10s, 5m, 7d or PT10S."),
        Arguments.of("capture-proxy", "proxy.listen", "localhost", "expected one host:port, e.g. 0.0.0.0:19530."),
        Arguments.of("console", "console.port", "http", "expected a whole number from 0 to 65535."));
  }

  @ParameterizedTest(name = "{0}: {1}={2}")
  @MethodSource("badValues")
  void aBadValueIsOneSentenceNamingTheSettingAndWhatToGive(String service, String key, String value, String expected)
      throws Exception {
    ConfigSpec spec = LAUNCHERS.stream().filter(s -> s.service().equals(service)).findFirst().orElseThrow();
    Map<String, String> environment = validRequired(spec);
    environment.put(envName(spec, key), value);

    LauncherRun run = LauncherRun.of(service, environment, output);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.stderrLines()).containsExactly("Setting '" + key + "' has an invalid value '" + value + "': "
        + expected);
  }

  @Test
  void aBadValueInTheConfigFileIsReportedTheSameWay() throws Exception {
    Path file = output.resolve("sink.properties");
    Files.writeString(file, "sink.retry.max-attempts=many\n");

    LauncherRun run = LauncherRun.of("sink-writer", validRequired(SinkConfig.SPEC), output, "--config",
        file.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.stderrLines()).containsExactly("Setting 'sink.retry.max-attempts' has an invalid value 'many':"
        + " expected a whole number from 1 to 1000.");
  }

  @Test
  void aProxyCertificateWithoutItsKeyIsOneSentence() throws Exception {
    Map<String, String> environment = validRequired(ProxyConfig.SPEC);
    environment.put(envName(ProxyConfig.SPEC, "proxy.tls.cert"), "proxy.pem");

    LauncherRun run = LauncherRun.of("capture-proxy", environment, output);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.stderrLines()).containsExactly(
        "Set both proxy.tls.cert and proxy.tls.key for TLS, or neither for plain text.");
  }

  @Test
  void aProxyPortInUseStopsItNamingTheAddress() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      Map<String, String> environment = validRequired(ProxyConfig.SPEC);
      environment.put(envName(ProxyConfig.SPEC, "proxy.listen"), "127.0.0.1:" + taken.getLocalPort());
      environment.put(envName(ProxyConfig.SPEC, "metrics.port"), "0");

      LauncherRun run = LauncherRun.of("capture-proxy", environment, output);

      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.stderrLines()).last().asString()
          .startsWith("capture-proxy could not start: Cannot listen on 127.0.0.1:" + taken.getLocalPort() + " (")
          .endsWith("); check proxy.listen and that no other process uses the port.");
    }
  }

  @Test
  void aConsoleWithoutTokensRefusesToStart() throws Exception {
    LauncherRun run = LauncherRun.of("console", validRequired(ConsoleConfig.SPEC), output);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.stderrLines()).containsExactly("The console refuses every request without a token: set"
        + " console.operator-tokens (and console.read-tokens for read-only users).");
  }

  @Test
  void unknownArgumentsSayHowToCallTheService() throws Exception {
    LauncherRun run = LauncherRun.of("lag-monitor", Map.of(), output, "--kafka", "localhost:9092");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.stderrLines()).containsExactly(
        "Unknown arguments: use lag-monitor --config FILE, or --help for the settings.");
  }

  @ParameterizedTest
  @MethodSource("services")
  void anUnreachableKafkaStopsTheServiceAfterTheConnectTimeoutNamingTheAddress(ConfigSpec spec) throws Exception {
    String address = "127.0.0.1:" + portNobodyListensOn();

    LauncherRun run = LauncherRun.of(spec.service(), withKafkaAt(spec, address), output);

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stderrLines()).last().isEqualTo(spec.service() + " could not start: Cannot reach Kafka at "
        + address + " within 3 s; check the address, that the brokers run, and kafka.security.protocol (a PLAINTEXT"
        + " client gets no answer from a TLS or SASL listener).");
  }

  @ParameterizedTest
  @MethodSource("services")
  void aKafkaHostThatDoesNotResolveIsNamed(ConfigSpec spec) throws Exception {
    String address = "no-such-kafka.invalid:9092";

    LauncherRun run = LauncherRun.of(spec.service(), withKafkaAt(spec, address), output);

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stderrLines()).last().asString().startsWith(spec.service() + " could not start: Cannot use Kafka at "
        + address + " (");
  }

  @Test
  @ExtendWith(KafkaBrokerExtension.class)
  void anUnreachableMilvusStopsTheServiceNamingItsAddress(KafkaBroker broker) throws Exception {
    String target = "http://127.0.0.1:" + portNobodyListensOn();
    Map<String, String> environment = withKafkaAt(SinkConfig.SPEC, broker.bootstrapServers());
    environment.put(envName(SinkConfig.SPEC, "kafka.topic-prefix"), "launchers-it-" + UUID.randomUUID());
    environment.put(envName(SinkConfig.SPEC, "target.uri"), target);

    LauncherRun run = LauncherRun.of("sink-writer", environment, output);

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stderrLines()).last().asString()
        .startsWith("sink-writer could not start: Milvus at " + target + " could not").contains("check the address");
  }

  /** Valid settings with Kafka at the address, a connect timeout of 3 s and no metrics endpoint. */
  private static Map<String, String> withKafkaAt(ConfigSpec spec, String address) {
    Map<String, String> environment = validRequired(spec);
    environment.put(envName(spec, "kafka.bootstrap"), address);
    environment.put(envName(spec, "connect.timeout"), "3s");
    environment.put(envName(spec, "metrics.port"), "0");
    return environment;
  }

  private static int portNobodyListensOn() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static Map<String, String> validRequired(ConfigSpec spec) {
    Map<String, String> environment = new HashMap<>();
    spec.keys().stream().filter(key -> key.defaultText().isEmpty())
        .forEach(key -> environment.put(key.envName(), VALID_REQUIRED.get(key.name())));
    return environment;
  }

  private static String envName(ConfigSpec spec, String key) {
    return spec.keys().stream().filter(k -> k.name().equals(key)).findFirst().orElseThrow().envName();
  }
}
