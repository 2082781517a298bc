package dev.milvusmigrate.kafka;

import java.util.Optional;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * One sentence for a Kafka connection that failed because of its security settings: credentials
 * refused, a TLS handshake that failed, a permission missing, or no answer at all (which is what a
 * PLAINTEXT client gets from a TLS listener). It names the connection and the settings to fix.
 */
public final class KafkaRefusal {

  private KafkaRefusal() {}

  /**
   * The sentence for {@code failure} (or one of its causes) on the connection the {@code keys}
   * configure; empty when the failure is of another kind.
   */
  public static Optional<String> of(KafkaClientKeys keys, String bootstrap, Throwable failure) {
    return of(keys, bootstrap, failure, "an operation");
  }

  /**
   * As {@link #of(KafkaClientKeys, String, Throwable)}, naming what was denied when an ACL is
   * missing, e.g. {@code "writing to milvus-migrate.control"}.
   */
  public static Optional<String> of(KafkaClientKeys keys, String bootstrap, Throwable failure, String attempted) {
    String where = "Kafka at " + bootstrap + " (" + keys.connection() + ")";
    String p = keys.prefix();
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof SaslAuthenticationException) {
        return Optional.of(where + " refused the SASL login: check the user name and password in " + p
            + ".sasl.jaas.config and the mechanism in " + p + ".sasl.mechanism.");
      }
      if (cause instanceof SslAuthenticationException) {
        return Optional.of("The TLS handshake with " + where + " failed: check that " + p
            + ".ssl.truststore.location holds the CA that signed the brokers' certificates, and that " + p
            + ".ssl.keystore.location holds a client certificate the brokers trust if they require one.");
      }
      if (cause instanceof AuthorizationException) {
        return Optional.of(where + " denied " + attempted + " (" + cause.getMessage() + "): grant this client's"
            + " principal the ACLs docs/DEPLOYMENT.md lists for it.");
      }
      if (cause instanceof TimeoutException) {
        return Optional.of(where + " did not answer in time: check the address, that the brokers run, and "
            + p + ".security.protocol (a PLAINTEXT client gets no answer from a TLS or SASL listener).");
      }
    }
    return Optional.empty();
  }
}
