package dev.milvusmigrate.testkit.pulsar;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Token authentication of a test Pulsar: a random HS256 secret key, as {@code pulsar tokens
 * create-secret-key} makes, and JSON Web Tokens signed with it whose subject is a role, as {@code
 * pulsar tokens create --subject ROLE} makes. {@link #SUPER_USER} is the broker's super-user role.
 */
public final class PulsarTokens {

  public static final String SUPER_USER = "admin";

  private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();
  private final byte[] secret;

  private PulsarTokens(byte[] secret) {
    this.secret = secret;
  }

  /** A fresh 256-bit secret key. */
  public static PulsarTokens random() {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    return new PulsarTokens(secret);
  }

  /** A token of {@code role} signed with this key (no expiry). */
  public String token(String role) {
    String unsigned = URL.encodeToString("{\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
        + URL.encodeToString(("{\"sub\":\"" + role + "\"}").getBytes(StandardCharsets.UTF_8));
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return unsigned + "." + URL.encodeToString(mac.doFinal(unsigned.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  /** The broker's {@code tokenSecretKey} setting: the key inline. */
  String secretKeySetting() {
    return "data:;base64," + Base64.getEncoder().encodeToString(secret);
  }
}
