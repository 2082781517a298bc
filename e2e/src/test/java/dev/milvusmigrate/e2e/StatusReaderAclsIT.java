package dev.milvusmigrate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.milvusmigrate.cli.InProcessCli;
import dev.milvusmigrate.core.domain.JobId;
import dev.milvusmigrate.core.domain.TopicNames;
import dev.milvusmigrate.kafka.KafkaClients;
import dev.milvusmigrate.kafka.TopicProvisioner;
import dev.milvusmigrate.schemas.serde.AvroTrust;
import dev.milvusmigrate.testkit.kafka.SecuredKafkaBroker;
import dev.milvusmigrate.testkit.kafka.SecuredKafkaBrokerExtension;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CLI user with the read-only ACLs of docs/DEPLOYMENT.md on a Kafka whose StandardAuthorizer
 * allows nothing else: {@code status} shows the jobs, {@code cancel} is refused with one sentence
 * naming the topic it may not write, exit code 2, and the control topic stays empty.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
@ExtendWith(SecuredKafkaBrokerExtension.class)
class StatusReaderAclsIT {

  @TempDir
  Path dir;

  @Test
  void aStatusReaderSeesTheJobsButCannotSendCommands(SecuredKafkaBroker kafka) throws Exception {
    AvroTrust.install();
    String name = Names.unique("acl");
    TopicNames topics = new TopicNames("acl-" + name);
    String internal = kafka.internalBootstrap();
    new TopicProvisioner(new KafkaClients(internal, Map.of()), topics, (short) 1).ensureSharedTopics();
    JobControl job = new JobControl(internal, topics, new JobId(name), "http://source:19530", "http://target:19530");
    job.submit(null);
    String user = "viewer-" + name;
    String password = UUID.randomUUID().toString();
    kafka.addUser(user, password);
    try (Admin admin = kafka.internalAdmin()) {
      admin.createAcls(statusReader(topics, "User:" + user)).all().get(30, TimeUnit.SECONDS);
    }
    Path config = viewerConfig(kafka, user, password);

    InProcessCli.Run status = InProcessCli.run("status", "--kafka", kafka.saslSslBootstrap(), "--topic-prefix",
        topics.prefix(), "--config", config.toString());
    InProcessCli.Run cancel = InProcessCli.run("cancel", name, "--kafka", kafka.saslSslBootstrap(), "--topic-prefix",
        topics.prefix(), "--config", config.toString());

    assertThat(status.exitCode()).as(status.toString()).isZero();
    assertThat(status.out()).contains(name);
    assertThat(cancel.exitCode()).as(cancel.toString()).isEqualTo(2);
    assertThat(cancel.err().strip().lines().toList()).as(cancel.toString()).hasSize(1);
    assertThat(cancel.err()).contains("Kafka at " + kafka.saslSslBootstrap() + " (the pipeline's Kafka) denied writing to "
        + topics.control());
    assertThat(cancel.everything()).doesNotContain(password);
    try (Admin admin = kafka.internalAdmin()) {
      TopicPartition control = new TopicPartition(topics.control(), 0);
      assertThat(admin.listOffsets(Map.of(control, OffsetSpec.latest())).partitionResult(control)
          .get(30, TimeUnit.SECONDS).offset()).isZero();
    }
  }

  /** The read-only CLI user's ACLs as docs/DEPLOYMENT.md lists them. */
  private static List<AclBinding> statusReader(TopicNames topics, String principal) {
    return List.of(topics.status(), topics.jobs(), topics.progress(), topics.lag()).stream()
        .map(topic -> new AclBinding(new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL),
            new AccessControlEntry(principal, "*", AclOperation.READ, AclPermissionType.ALLOW)))
        .toList();
  }

  private Path viewerConfig(SecuredKafkaBroker kafka, String user, String password) throws IOException {
    Properties props = new Properties();
    props.putAll(Map.of("kafka.security.protocol", "SASL_SSL", "kafka.sasl.mechanism", "SCRAM-SHA-512",
        "kafka.sasl.jaas.config", SecuredKafkaBroker.scramLogin(user, password),
        "kafka.ssl.truststore.location", kafka.certificates().truststore().toString(),
        "kafka.ssl.truststore.type", kafka.certificates().storeType(),
        "kafka.ssl.truststore.password", kafka.certificates().password()));
    Path file = dir.resolve("viewer.properties");
    try (OutputStream out = Files.newOutputStream(file)) {
      props.store(out, null);
    }
    return file;
  }
}
