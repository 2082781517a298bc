package dev.milvusmigrate.kafka;

import dev.milvusmigrate.core.config.Config;
import dev.milvusmigrate.core.config.ConfigException;
import dev.milvusmigrate.core.config.ConfigKey;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The security settings of one Kafka connection, declared once: {@code <prefix>.security.protocol},
 * SASL, the trust and key stores, and {@code <prefix>.client-properties}, a properties file of any
 * other client property passed on as it is. {@link #PIPELINE} is the pipeline's Kafka ({@code
 * kafka.*}), {@link #SOURCE_LOG} the source Milvus's log Kafka that capture reads ({@code
 * capture.wal.*}). The SASL JAAS configuration and the passwords are secrets; of the properties
 * file only its path is shown.
 */
public final class KafkaClientKeys {

  public static final KafkaClientKeys PIPELINE = new KafkaClientKeys("kafka", "the pipeline's Kafka",
      "the pipeline's Kafka");
  public static final KafkaClientKeys SOURCE_LOG = new KafkaClientKeys("capture.wal", "the source's log Kafka",
      "the source's log Kafka (when capture.wal.bootstrap is set)");

  /** Settings the pipeline chooses itself to keep its invariants; a properties file may not change them. */
  private static final Set<String> OWN = Set.of("bootstrap.servers", "key.serializer", "value.serializer",
      "key.deserializer", "value.deserializer", "enable.idempotence", "acks", "isolation.level",
      "enable.auto.commit", "transactional.id", "group.id", "client.id");

  private final String prefix;
  private final String connection;
  private final ConfigKey<String> protocol;
  private final ConfigKey<String> saslMechanism;
  private final ConfigKey<String> saslJaas;
  private final ConfigKey<String> truststore;
  private final ConfigKey<String> truststorePassword;
  private final ConfigKey<String> truststoreType;
  private final ConfigKey<String> keystore;
  private final ConfigKey<String> keystorePassword;
  private final ConfigKey<String> keystoreType;
  private final ConfigKey<String> keyPassword;
  private final ConfigKey<String> endpointIdentification;
  private final ConfigKey<String> clientProperties;

  /**
   * @param connection the connection's name in messages
   * @param described the connection as the keys' one-line docs name it
   */
  private KafkaClientKeys(String prefix, String connection, String described) {
    this.prefix = prefix;
    this.connection = connection;
    protocol = ConfigKey.checked(prefix + ".security.protocol", "PLAINTEXT",
        "PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL", KafkaClientKeys::checkProtocol,
        "Security protocol of " + described + ": PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL.");
    saslMechanism = ConfigKey.string(prefix + ".sasl.mechanism", "",
        "SASL mechanism of " + described + ", e.g. SCRAM-SHA-512 or PLAIN (empty: Kafka's default GSSAPI).");
    saslJaas = ConfigKey.string(prefix + ".sasl.jaas.config", "",
        "SASL JAAS configuration of " + described + " with the user name and password, e.g."
            + " org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\" password=\"p\";"
            + " (secret).").secret();
    truststore = ConfigKey.string(prefix + ".ssl.truststore.location", "",
        "Trust store file with the CA certificates that sign the brokers' certificates of " + described
            + " (empty: the JVM's default CAs).");
    truststorePassword = ConfigKey.string(prefix + ".ssl.truststore.password", "",
        "Password of the trust store of " + described + " (secret).").secret();
    truststoreType = ConfigKey.string(prefix + ".ssl.truststore.type", "",
        "Type of the trust store of " + described + ": PKCS12, JKS or PEM (empty: Kafka's default JKS).");
    keystore = ConfigKey.string(prefix + ".ssl.keystore.location", "",
        "Key store file with this client's certificate and key, for brokers of " + described
            + " that require client certificates.");
    keystorePassword = ConfigKey.string(prefix + ".ssl.keystore.password", "",
        "Password of the key store of " + described + " (secret).").secret();
    keystoreType = ConfigKey.string(prefix + ".ssl.keystore.type", "",
        "Type of the key store of " + described + ": PKCS12, JKS or PEM (empty: Kafka's default JKS).");
    keyPassword = ConfigKey.string(prefix + ".ssl.key.password", "",
        "Password of the private key in the key store of " + described + ", if it has its own (secret).")
        .secret();
    endpointIdentification = ConfigKey.string(prefix + ".ssl.endpoint.identification.algorithm", "https",
        "https checks that the certificates of " + described + "'s brokers name the host connected to;"
            + " empty turns that check off.");
    clientProperties = ConfigKey.string(prefix + ".client-properties", "",
        "Properties file of further Kafka client settings for " + described + ", passed on as they are"
            + " (e.g. sasl.login.callback.handler.class); milvus-migrate shows only its path.");
  }

  /** The connection these settings are of, for messages, e.g. "the pipeline's Kafka". */
  public String connection() {
    return connection;
  }

  public String prefix() {
    return prefix;
  }

  public List<ConfigKey<?>> keys() {
    return List.copyOf(stringKeys());
  }

  /** Every key, for tools that pass the settings on under the same names. */
  public List<ConfigKey<String>> stringKeys() {
    return List.of(protocol, saslMechanism, saslJaas, truststore, truststorePassword, truststoreType, keystore,
        keystorePassword, keystoreType, keyPassword, endpointIdentification, clientProperties);
  }

  public ConfigKey<String> protocol() {
    return protocol;
  }

  public ConfigKey<String> saslMechanism() {
    return saslMechanism;
  }

  public ConfigKey<String> saslJaasConfig() {
    return saslJaas;
  }

  public ConfigKey<String> truststorePassword() {
    return truststorePassword;
  }

  public ConfigKey<String> keystorePassword() {
    return keystorePassword;
  }

  public ConfigKey<String> truststore() {
    return truststore;
  }

  public ConfigKey<String> keystore() {
    return keystore;
  }

  public ConfigKey<String> clientProperties() {
    return clientProperties;
  }

  /**
   * The Kafka client settings of a config that declares these keys: the properties file's, then
   * every key that is set (a key left at its default does not override the file); unset ones are
   * left to Kafka's defaults.
   */
  public Map<String, Object> clientSettings(Config config) {
    Map<String, Object> settings = new HashMap<>(readClientProperties(config.get(clientProperties)));
    for (ConfigKey<String> key : stringKeys()) {
      String value = config.get(key);
      String name = key.name().substring(prefix.length() + 1);
      boolean isDefault = key.defaultText().orElse("").equals(value);
      if (key == clientProperties || isDefault && settings.containsKey(name)) {
        continue;
      }
      if (key == endpointIdentification || !value.isBlank()) {
        settings.put(name, value.strip());
      }
    }
    return settings;
  }

  private Map<String, Object> readClientProperties(String file) {
    if (file.isBlank()) {
      return Map.of();
    }
    Properties props = new Properties();
    try (Reader reader = Files.newBufferedReader(Path.of(file.strip()))) {
      props.load(reader);
    } catch (IOException | RuntimeException e) {
      throw new ConfigException("Cannot read the Kafka client properties file " + file + " of " + clientProperties.name()
          + " (" + e.getClass().getSimpleName() + "): check the path and that this user may read it.");
    }
    Map<String, Object> settings = new HashMap<>();
    for (String name : props.stringPropertyNames()) {
      if (OWN.contains(name)) {
        throw new ConfigException("The Kafka client properties file " + file + " sets '" + name + "', which"
            + " milvus-migrate chooses itself: remove it" + (name.equals("bootstrap.servers")
            ? " and give the address as " + bootstrapKeyName() + "." : "."));
      }
      settings.put(name, props.getProperty(name));
    }
    return settings;
  }

  private String bootstrapKeyName() {
    return prefix + ".bootstrap";
  }

  private static void checkProtocol(String text) {
    if (!Set.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL").contains(text)) {
      throw new IllegalArgumentException("unknown protocol");
    }
  }
}
