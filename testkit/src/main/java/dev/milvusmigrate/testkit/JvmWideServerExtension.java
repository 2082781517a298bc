package dev.milvusmigrate.testkit;

import java.util.Set;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Base of the test kit's extensions: gives tests a {@link JvmWideServer} as a parameter of one
 * of the given types, started on first use and stopped by JUnit's root store when the whole
 * test plan has finished.
 */
public abstract class JvmWideServerExtension<T extends AutoCloseable> implements BeforeAllCallback, ParameterResolver {

  private final JvmWideServer<T> server;
  private final Set<Class<?>> parameterTypes;

  protected JvmWideServerExtension(JvmWideServer<T> server, Class<?>... parameterTypes) {
    this.server = server;
    this.parameterTypes = Set.of(parameterTypes);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    server(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameterTypes.contains(parameter.getParameter().getType());
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return server(context);
  }

  /** Starts servers this one needs first; the root store closes values in reverse order. */
  protected void registerDependencies(ExtensionContext context) {}

  private T server(ExtensionContext context) {
    registerDependencies(context);
    context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(getClass(), key -> server.stopper(), AutoCloseable.class);
    return server.get();
  }
}
