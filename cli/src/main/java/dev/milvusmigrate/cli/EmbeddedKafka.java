package dev.milvusmigrate.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.commons.io.FileUtils;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A single-node KRaft Kafka broker (combined broker and controller on 127.0.0.1, free ports)
 * inside this process, for a user who has no Kafka. Its data lives in a temporary directory
 * that is deleted when it is closed, so it lasts only as long as one command.
 */
public final class EmbeddedKafka implements AutoCloseable {

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  private final KafkaRaftServer server;
  private final Path directory;
  private final String bootstrapServers;

  private EmbeddedKafka(KafkaRaftServer server, Path directory, String bootstrapServers) {
    this.server = server;
    this.directory = directory;
    this.bootstrapServers = bootstrapServers;
  }

  /** Formats a fresh log directory, starts the broker and returns once it answers clients. */
  public static EmbeddedKafka start() {
    Path directory = createDirectory();
    try {
      int brokerPort = freePort();
      Properties props = brokerProperties(directory, brokerPort, freePort());
      writeFormatted(directory, props);
      KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
      server.startup();
      EmbeddedKafka kafka = new EmbeddedKafka(server, directory, "127.0.0.1:" + brokerPort);
      kafka.awaitReady();
      return kafka;
    } catch (RuntimeException e) {
      delete(directory);
      throw e;
    }
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** The temporary directory holding the broker's configuration and data. */
  Path directory() {
    return directory;
  }

  /**
   * Writes the configuration of a single-node broker on the given ports into {@code directory}
   * (server.properties) and formats its storage there; {@code kafka.Kafka FILE} then starts it,
   * for example as a separate process that can be killed and restarted on the same data.
   */
  public static Path prepare(Path directory, int brokerPort, int controllerPort) {
    return writeFormatted(directory, brokerProperties(directory, brokerPort, controllerPort));
  }

  static Properties brokerProperties(Path directory, int brokerPort, int controllerPort) {
    Properties props = new Properties();
    props.putAll(Map.ofEntries(
        Map.entry("process.roles", "broker,controller"),
        Map.entry("node.id", "1"),
        Map.entry("controller.quorum.voters", "1@127.0.0.1:" + controllerPort),
        Map.entry("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort),
        Map.entry("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort),
        Map.entry("controller.listener.names", "CONTROLLER"),
        Map.entry("inter.broker.listener.name", "PLAINTEXT"),
        Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
        Map.entry("log.dirs", directory.resolve("data").toString()),
        Map.entry("num.partitions", "1"),
        Map.entry("offsets.topic.replication.factor", "1"),
        Map.entry("offsets.topic.num.partitions", "4"),
        Map.entry("transaction.state.log.replication.factor", "1"),
        Map.entry("transaction.state.log.min.isr", "1"),
        Map.entry("transaction.state.log.num.partitions", "4"),
        Map.entry("share.coordinator.state.topic.replication.factor", "1"),
        Map.entry("share.coordinator.state.topic.min.isr", "1"),
        Map.entry("group.initial.rebalance.delay.ms", "0"),
        Map.entry("message.max.bytes", Integer.toString(64 * 1024 * 1024))));
    return props;
  }

  private static Path writeFormatted(Path directory, Properties props) {
    Path file = directory.resolve("server.properties");
    try (OutputStream out = Files.newOutputStream(file)) {
      props.store(out, "milvus-migrate embedded broker");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the embedded Kafka broker's configuration in " + directory, e);
    }
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    int code = StorageTool.execute(new String[] {"format", "--cluster-id", Uuid.randomUuid().toString(),
        "--config", file.toString()}, new PrintStream(output, true, StandardCharsets.UTF_8));
    if (code != 0) {
      throw new IllegalStateException("Cannot format the embedded Kafka broker's storage in " + directory + ": "
          + output.toString(StandardCharsets.UTF_8).strip());
    }
    return file;
  }

  private void awaitReady() {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    try (Admin admin = Admin.create(props)) {
      admin.describeCluster().nodes().get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      close();
      throw new IllegalStateException("The embedded Kafka broker did not become ready within "
          + READY_TIMEOUT.toSeconds() + " s: " + e.getMessage(), e);
    }
  }

  private static Path createDirectory() {
    try {
      return Files.createTempDirectory("milvus-migrate-kafka-");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create a temporary directory for the embedded Kafka broker", e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("No free local port for the embedded Kafka broker", e);
    }
  }

  @Override
  public void close() {
    try {
      server.shutdown();
      server.awaitShutdown();
    } finally {
      delete(directory);
    }
  }

  private static void delete(Path directory) {
    try {
      FileUtils.deleteDirectory(directory.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete the embedded Kafka broker's directory " + directory, e);
    }
  }
}
