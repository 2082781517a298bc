package dev.milvusmigrate.core.config;

import dev.milvusmigrate.core.domain.MilvusEndpoint;
import dev.milvusmigrate.core.domain.TlsSettings;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The settings of one Milvus endpoint, declared once for every service that talks to it:
 * {@code <role>.uri}, {@code <role>.token}, {@code <role>.user}, {@code <role>.password} and the
 * TLS files. Token and password are secrets.
 */
public final class EndpointKeys {

  public static final EndpointKeys SOURCE = new EndpointKeys("source", null);
  public static final EndpointKeys TARGET = new EndpointKeys("target", null);

  private final ConfigKey<String> uri;
  private final ConfigKey<String> token;
  private final ConfigKey<String> user;
  private final ConfigKey<String> password;
  private final ConfigKey<String> caCert;
  private final ConfigKey<String> clientCert;
  private final ConfigKey<String> clientKey;
  private final ConfigKey<String> aliases;

  private final String role;

  private EndpointKeys(String role, String defaultUri) {
    this.role = role;
    String name = role.substring(0, 1).toUpperCase() + role.substring(1);
    String uriDoc = name + " Milvus address, e.g. http://" + role + ":19530 (https:// turns TLS on).";
    // A service checks its address at start; the CLI checks it with a message that names its option.
    uri = defaultUri == null ? ConfigKey.checked(role + ".uri", null,
        "an address such as http://host:19530 or https://host:19530", MilvusEndpoint::of, uriDoc)
        : ConfigKey.string(role + ".uri", defaultUri, uriDoc);
    token = ConfigKey.string(role + ".token", "", name + " API key or token.").secret();
    user = ConfigKey.string(role + ".user", "", name + " user name.");
    password = ConfigKey.string(role + ".password", "", name + " password.").secret();
    caCert = ConfigKey.string(role + ".tls.ca-cert", "", "CA certificate file that signs the " + role
        + "'s server certificate.");
    clientCert = ConfigKey.string(role + ".tls.client-cert", "", "Client certificate file for mutual TLS with the "
        + role + ".");
    clientKey = ConfigKey.string(role + ".tls.client-key", "", "Client key file for mutual TLS with the "
        + role + ".").secret();
    aliases = defaultUri != null ? null : ConfigKey.checked(role + ".aliases", "",
        "addresses such as http://host:19530 separated by commas", text -> split(text).forEach(MilvusEndpoint::of),
        "Other addresses of the same " + role + " server that a job may name it by, separated by commas (e.g. the"
            + " address the CLI reaches it at from outside a container network); a job naming another " + role
            + " fails.");
  }

  /** The same settings with an empty default address, for tools that need an endpoint only for some commands. */
  public static EndpointKeys optional(String role) {
    return new EndpointKeys(role, "");
  }

  public List<ConfigKey<String>> stringKeys() {
    List<ConfigKey<String>> keys = List.of(uri, token, user, password, caCert, clientCert, clientKey);
    return aliases == null ? keys : Stream.concat(keys.stream(), Stream.of(aliases)).toList();
  }

  public List<ConfigKey<?>> keys() {
    return List.copyOf(stringKeys());
  }

  /** The address and TLS keys only, for a service that passes its clients' credentials on instead of its own. */
  public List<ConfigKey<?>> addressKeys() {
    return List.of(uri, caCert, clientCert, clientKey);
  }

  public String role() {
    return role;
  }

  public ConfigKey<String> uri() {
    return uri;
  }

  public ConfigKey<String> token() {
    return token;
  }

  public ConfigKey<String> user() {
    return user;
  }

  public ConfigKey<String> password() {
    return password;
  }

  public ConfigKey<String> caCert() {
    return caCert;
  }

  /** The other addresses a job may name this server by ({@code <role>.aliases}); none for the CLI's settings. */
  public List<String> aliases(Config config) {
    return aliases == null ? List.of() : split(config.get(aliases));
  }

  private static List<String> split(String addresses) {
    return Arrays.stream(addresses.split(",")).map(String::strip).filter(a -> !a.isEmpty()).toList();
  }

  /** The endpoint the settings describe; TLS is on for https:// or when a certificate file is given. */
  public MilvusEndpoint endpoint(Config config) {
    return address(config).withToken(config.get(token)).withUser(config.get(user), config.get(password));
  }

  /** The endpoint of the {@link #addressKeys()}, without credentials. */
  public MilvusEndpoint address(Config config) {
    MilvusEndpoint endpoint = MilvusEndpoint.of(config.get(uri));
    String caPath = blankToNull(config.get(caCert));
    String certPath = blankToNull(config.get(clientCert));
    if (caPath == null && certPath == null) {
      return endpoint;
    }
    return endpoint.withTls(new TlsSettings(true, caPath, certPath, blankToNull(config.get(clientKey)), null));
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }
}
