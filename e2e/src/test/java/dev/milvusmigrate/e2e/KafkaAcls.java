package dev.milvusmigrate.e2e;

import dev.milvusmigrate.testkit.kafka.SecuredKafkaBroker;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/** ACLs and SCRAM users on the test kit's {@link SecuredKafkaBroker}, as the services' principals get them. */
final class KafkaAcls {

  private KafkaAcls() {}

  static AclBinding allow(String principal, ResourceType type, String name, PatternType pattern,
      AclOperation operation) {
    return new AclBinding(new ResourcePattern(type, name, pattern),
        new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
  }

  /** Creates the SCRAM user and grants it {@code acls}. */
  static void grant(SecuredKafkaBroker kafka, String user, String password, List<AclBinding> acls) throws Exception {
    kafka.addUser(user, password);
    try (Admin admin = kafka.internalAdmin()) {
      admin.createAcls(acls).all().get(30, TimeUnit.SECONDS);
    }
  }

  /** The {@code kafka.*} settings of a SCRAM-SHA-512 login on the SASL_SSL listener. */
  static Map<String, String> scram(SecuredKafkaBroker kafka, String user, String password) {
    Map<String, String> settings = new HashMap<>(Map.of("kafka.security.protocol", "SASL_SSL",
        "kafka.sasl.mechanism", "SCRAM-SHA-512", "kafka.sasl.jaas.config", SecuredKafkaBroker.scramLogin(user, password)));
    settings.putAll(trusting(kafka));
    return settings;
  }

  static Map<String, String> trusting(SecuredKafkaBroker kafka) {
    return Map.of("kafka.ssl.truststore.location", kafka.certificates().truststore().toString(),
        "kafka.ssl.truststore.type", kafka.certificates().storeType(),
        "kafka.ssl.truststore.password", kafka.certificates().password());
  }
}
