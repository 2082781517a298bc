package dev.milvusmigrate.testkit.kafka;

import dev.milvusmigrate.testkit.JvmWideServer;
import dev.milvusmigrate.testkit.tls.TestCertificates;
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
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.commons.io.FileUtils;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real single-node KRaft Kafka (combined broker and controller) in the test JVM, secured as a
 * production one: a SASL_SSL listener with SCRAM-SHA-512 and an SSL listener that requires client
 * certificates, both with {@link TestCertificates} made for it, a SASL_PLAINTEXT listener with
 * PLAIN logins of {@link #USER} and {@link #LOG_READER} (for Milvus 2.3.5's log: its Kafka
 * configuration has no CA key, and its librdkafka 1.9.1 is refused by this broker's SCRAM), plus a
 * plaintext listener on 127.0.0.1 for the brokers themselves and for tests to set up users and
 * ACLs. Kafka's {@code StandardAuthorizer} allows nothing without an ACL, except to the super users: the plaintext
 * listener, {@link #USER} and the client certificate. One instance per JVM ({@link
 * SecuredKafkaBrokerExtension}).
 */
public final class SecuredKafkaBroker implements AutoCloseable {

  static final JvmWideServer<SecuredKafkaBroker> SHARED = new JvmWideServer<>("secured-kafka-broker",
      SecuredKafkaBroker::start);

  /** The SCRAM user every test may log in as. */
  public static final String USER = "migrator";
  /** A second user of the SASL_PLAINTEXT listener, which has no ACL unless a test grants it one. */
  public static final String LOG_READER = "log-reader";

  private final KafkaRaftServer server;
  private final Path directory;
  private final TestCertificates certificates;
  private final String userPassword;
  private final String logReaderPassword;
  private final int internalPort;
  private final int saslSslPort;
  private final int sslPort;
  private final int saslPlaintextPort;

  private SecuredKafkaBroker(KafkaRaftServer server, Path directory, TestCertificates certificates,
      String userPassword, String logReaderPassword, int[] ports) {
    this.server = server;
    this.directory = directory;
    this.certificates = certificates;
    this.userPassword = userPassword;
    this.logReaderPassword = logReaderPassword;
    this.internalPort = ports[0];
    this.saslSslPort = ports[1];
    this.sslPort = ports[2];
    this.saslPlaintextPort = ports[4];
  }

  /** The JVM-wide secured broker, started on first use. */
  public static SecuredKafkaBroker shared() {
    return SHARED.get();
  }

  private static SecuredKafkaBroker start() {
    Path directory;
    try {
      directory = Files.createTempDirectory("secured-kafka-");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create a directory for the secured Kafka broker", e);
    }
    TestCertificates certificates = TestCertificates.create(directory);
    int[] ports = {freePort(), freePort(), freePort(), freePort(), freePort()};
    String userPassword = UUID.randomUUID().toString();
    String logReaderPassword = UUID.randomUUID().toString();
    Properties props = brokerProperties(directory, certificates, ports);
    props.put("listener.name.sasl_plaintext.plain.sasl.jaas.config",
        "org.apache.kafka.common.security.plain.PlainLoginModule required user_" + USER + "=\"" + userPassword
            + "\" user_" + LOG_READER + "=\"" + logReaderPassword + "\";");
    format(directory, props);
    KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
    server.startup();
    SecuredKafkaBroker broker = new SecuredKafkaBroker(server, directory, certificates, userPassword,
        logReaderPassword, ports);
    broker.addUser(USER, broker.userPassword);
    return broker;
  }

  private static Properties brokerProperties(Path directory, TestCertificates certificates, int[] ports) {
    String host = "127.0.0.1:";
    Properties props = new Properties();
    props.putAll(Map.ofEntries(
        Map.entry("process.roles", "broker,controller"),
        Map.entry("node.id", "1"),
        Map.entry("controller.quorum.voters", "1@" + host + ports[3]),
        Map.entry("listeners", "INTERNAL://" + host + ports[0] + ",SASL_SSL://" + host + ports[1] + ",SSL://" + host
            + ports[2] + ",CONTROLLER://" + host + ports[3] + ",SASL_PLAINTEXT://" + host + ports[4]),
        Map.entry("advertised.listeners", "INTERNAL://" + host + ports[0] + ",SASL_SSL://" + host + ports[1]
            + ",SSL://" + host + ports[2] + ",SASL_PLAINTEXT://" + host + ports[4]),
        Map.entry("listener.security.protocol.map",
            "INTERNAL:PLAINTEXT,SASL_SSL:SASL_SSL,SSL:SSL,CONTROLLER:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT"),
        Map.entry("inter.broker.listener.name", "INTERNAL"),
        Map.entry("controller.listener.names", "CONTROLLER"),
        Map.entry("sasl.enabled.mechanisms", "SCRAM-SHA-512"),
        Map.entry("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config",
            "org.apache.kafka.common.security.scram.ScramLoginModule required;"),
        Map.entry("listener.name.sasl_plaintext.sasl.enabled.mechanisms", "PLAIN"),
        Map.entry("listener.name.ssl.ssl.client.auth", "required"),
        Map.entry("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer"),
        Map.entry("allow.everyone.if.no.acl.found", "false"),
        // The brokers and the test kit on the plaintext listeners, the kit's SCRAM user and client certificate.
        Map.entry("super.users", "User:ANONYMOUS;User:" + USER + ";User:CN=client"),
        Map.entry("ssl.keystore.location", certificates.brokerKeystore().toString()),
        Map.entry("ssl.keystore.type", certificates.storeType()),
        Map.entry("ssl.keystore.password", certificates.password()),
        Map.entry("ssl.key.password", certificates.password()),
        Map.entry("ssl.truststore.location", certificates.truststore().toString()),
        Map.entry("ssl.truststore.type", certificates.storeType()),
        Map.entry("ssl.truststore.password", certificates.password()),
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

  private static void format(Path directory, Properties props) {
    Path file = directory.resolve("server.properties");
    try (OutputStream out = Files.newOutputStream(file)) {
      props.store(out, "secured test broker");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the secured broker's configuration", e);
    }
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    int code = StorageTool.execute(new String[] {"format", "--cluster-id", Uuid.randomUuid().toString(),
        "--config", file.toString()}, new PrintStream(output, true, StandardCharsets.UTF_8));
    if (code != 0) {
      throw new IllegalStateException("Cannot format the secured broker's storage: " + output);
    }
  }

  /** Creates or updates a SCRAM-SHA-512 user, through the plaintext listener, and waits until it is applied. */
  public void addUser(String user, String password) {
    try (Admin admin = internalAdmin()) {
      admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user,
          new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), password))).all().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("Could not add the SCRAM user " + user + ": " + e.getMessage(), e);
    }
  }

  /** An admin client on the plaintext listener, whose clients are super users; the caller closes it. */
  public Admin internalAdmin() {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, internalBootstrap()));
  }

  /** {@code host:port} of the plaintext listener, for tests to set up topics and records as a super user. */
  public String internalBootstrap() {
    return "127.0.0.1:" + internalPort;
  }

  /** {@code host:port} of the SASL_SSL listener (SCRAM-SHA-512). */
  public String saslSslBootstrap() {
    return "127.0.0.1:" + saslSslPort;
  }

  /** {@code host:port} of the SSL listener, which requires a client certificate. */
  public String sslBootstrap() {
    return "127.0.0.1:" + sslPort;
  }

  /** {@code host:port} of the SASL_PLAINTEXT listener: PLAIN logins of {@link #USER} and {@link #LOG_READER}. */
  public String saslPlaintextBootstrap() {
    return "127.0.0.1:" + saslPlaintextPort;
  }

  public TestCertificates certificates() {
    return certificates;
  }

  public String userPassword() {
    return userPassword;
  }

  /** The password of {@link #LOG_READER} on the SASL_PLAINTEXT listener. */
  public String logReaderPassword() {
    return logReaderPassword;
  }

  /** The JAAS configuration of a PLAIN login. */
  public static String plainLogin(String user, String password) {
    return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + user + "\" password=\""
        + password + "\";";
  }

  /** The JAAS configuration of a SCRAM login. */
  public static String scramLogin(String user, String password) {
    return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user + "\" password=\""
        + password + "\";";
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("No free local port for the secured Kafka broker", e);
    }
  }

  @Override
  public void close() {
    server.shutdown();
    server.awaitShutdown();
    try {
      FileUtils.deleteDirectory(directory.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete the secured broker's directory " + directory, e);
    }
  }
}
