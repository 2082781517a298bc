package dev.milvusmigrate.testkit.pulsar;

import dev.milvusmigrate.testkit.JvmWideServer;
import dev.milvusmigrate.testkit.JvmWideServerExtension;

/**
 * Gives tests the JVM-wide {@link PulsarStandalone}, started on first use from the cached
 * {@link PulsarDistribution} and stopped when the test plan ends: one Pulsar per test JVM.
 * Declare a parameter of type {@link PulsarStandalone}.
 */
public final class PulsarStandaloneExtension extends JvmWideServerExtension<PulsarStandalone> {

  private static final JvmWideServer<PulsarStandalone> SERVER = new JvmWideServer<>("pulsar-standalone",
      () -> PulsarStandalone.start(PulsarDistribution.shared()));

  public PulsarStandaloneExtension() {
    super(SERVER, PulsarStandalone.class);
  }

  /** The JVM's Pulsar, for extensions of servers that use it. */
  public static PulsarStandalone shared() {
    return SERVER.get();
  }
}
