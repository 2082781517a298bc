package dev.milvusmigrate.testkit.kafka;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test the JVM-wide {@link KafkaBroker}: declare a parameter of that type, or call
 * {@link KafkaBroker#shared()}. The broker stops when the whole test plan has finished.
 */
public final class KafkaBrokerExtension implements BeforeAllCallback, ParameterResolver {

  @Override
  public void beforeAll(ExtensionContext context) {
    broker(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == KafkaBroker.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return broker(context);
  }

  private static KafkaBroker broker(ExtensionContext context) {
    context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(StopAtEnd.class, key -> new StopAtEnd(), StopAtEnd.class);
    return KafkaBroker.shared();
  }

  /** Registered once in the root store; JUnit closes it after the last test of the plan. */
  private static final class StopAtEnd implements ExtensionContext.Store.CloseableResource {
    @Override
    public void close() {
      KafkaBroker.stopShared();
    }
  }
}
