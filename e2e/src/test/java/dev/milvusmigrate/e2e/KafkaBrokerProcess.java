package dev.milvusmigrate.e2e;

import static org.awaitility.Awaitility.await;

import dev.milvusmigrate.cli.EmbeddedKafka;
import dev.milvusmigrate.testkit.process.ChildProcess;
import dev.milvusmigrate.testkit.process.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * A single-node KRaft Kafka broker as a process of its own ({@code kafka.Kafka}), on fixed ports
 * and a data directory that survive a restart, so a test can restart the broker under a running
 * pipeline.
 */
final class KafkaBrokerProcess implements AutoCloseable {

  private static final Duration STOP_GRACE = Duration.ofSeconds(30);
  private static final Duration READY = Duration.ofMinutes(1);

  private final Path directory;
  private final Path config;
  private final String bootstrapServers;
  private ChildProcess process;

  private KafkaBrokerProcess(Path directory, Path config, String bootstrapServers) {
    this.directory = directory;
    this.config = config;
    this.bootstrapServers = bootstrapServers;
  }

  static KafkaBrokerProcess start(Path directory) {
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the broker's directory " + directory, e);
    }
    int[] ports = FreePorts.allocate(2);
    KafkaBrokerProcess broker = new KafkaBrokerProcess(directory, EmbeddedKafka.prepare(directory, ports[0], ports[1]),
        "127.0.0.1:" + ports[0]);
    broker.launch();
    return broker;
  }

  String bootstrapServers() {
    return bootstrapServers;
  }

  /** A controlled shutdown, {@code down} without a broker, then the same broker on the same data. */
  void restart(Duration down) throws InterruptedException {
    process.close();
    Thread.sleep(down.toMillis());
    launch();
  }

  /** {@code kill -9} of the broker (no controlled shutdown), {@code down} without it, then the same broker on the same data. */
  void killAndRestart(Duration down) throws InterruptedException {
    kill();
    Thread.sleep(down.toMillis());
    relaunch();
  }

  /** {@code kill -9} of the broker; {@link #relaunch} starts it again on the same data and ports. */
  void kill() {
    process.kill();
  }

  /** Starts the broker (again) and waits until it answers. */
  void relaunch() {
    launch();
  }

  private void launch() {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    process = ChildProcess.start("kafka-broker", List.of(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
        "kafka.Kafka", config.toString()), Map.of(), directory, STOP_GRACE);
    await("Kafka broker at " + bootstrapServers).atMost(READY).until(this::answers);
  }

  private boolean answers() {
    if (!process.isAlive()) {
      throw new IllegalStateException("The Kafka broker exited: " + process.describe(30));
    }
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    try (Admin admin = Admin.create(props)) {
      return !admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty();
    } catch (Exception e) {
      return false;
    }
  }

  @Override
  public void close() {
    process.close();
  }
}
