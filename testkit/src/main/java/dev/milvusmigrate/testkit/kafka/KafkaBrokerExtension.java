package dev.milvusmigrate.testkit.kafka;

import dev.milvusmigrate.testkit.JvmWideServerExtension;

/**
 * Gives a test the JVM-wide {@link KafkaBroker}: declare a parameter of that type, or call
 * {@link KafkaBroker#shared()}. The broker stops when the whole test plan has finished.
 */
public final class KafkaBrokerExtension extends JvmWideServerExtension<KafkaBroker> {

  public KafkaBrokerExtension() {
    super(KafkaBroker.SHARED, KafkaBroker.class);
  }
}
