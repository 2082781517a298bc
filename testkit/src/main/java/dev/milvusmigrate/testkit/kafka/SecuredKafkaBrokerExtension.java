package dev.milvusmigrate.testkit.kafka;

import dev.milvusmigrate.testkit.JvmWideServerExtension;

/**
 * Gives a test the JVM-wide {@link SecuredKafkaBroker}: declare a parameter of that type, or call
 * {@link SecuredKafkaBroker#shared()}. The broker stops when the whole test plan has finished.
 */
public final class SecuredKafkaBrokerExtension extends JvmWideServerExtension<SecuredKafkaBroker> {

  public SecuredKafkaBrokerExtension() {
    super(SecuredKafkaBroker.SHARED, SecuredKafkaBroker.class);
  }
}
