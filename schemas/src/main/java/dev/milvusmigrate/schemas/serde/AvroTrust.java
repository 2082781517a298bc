package dev.milvusmigrate.schemas.serde;

import java.util.Arrays;
import org.apache.avro.util.ClassSecurityValidator;
import org.apache.avro.util.ClassSecurityValidator.ClassSecurityPredicate;

/** Makes Avro 1.12 trust the generated contract classes, which it otherwise refuses to decode. */
public final class AvroTrust {

  public static final String PACKAGE = "dev.milvusmigrate.schemas.avro";
  static final String PROPERTY = "org.apache.avro.SERIALIZABLE_PACKAGES";

  private AvroTrust() {}

  /** Idempotent; safe to call from every launcher, test and serde. */
  public static synchronized void install() {
    System.setProperty(PROPERTY, appendPackage(System.getProperty(PROPERTY)));
    // Avro reads the property only once; if that already happened, extend the global predicate.
    ClassSecurityPredicate current = ClassSecurityValidator.getGlobal();
    if (!current.isTrusted(dev.milvusmigrate.schemas.avro.Marker.class)) {
      ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(current, AvroTrust::isContract));
    }
  }

  static String appendPackage(String trustedPackages) {
    if (trustedPackages == null || trustedPackages.isBlank()) {
      return PACKAGE;
    }
    boolean present = Arrays.stream(trustedPackages.split(",")).map(String::strip).anyMatch(PACKAGE::equals);
    return present ? trustedPackages : trustedPackages + "," + PACKAGE;
  }

  private static boolean isContract(Class<?> type) {
    return type.getName().startsWith(PACKAGE + ".");
  }
}
