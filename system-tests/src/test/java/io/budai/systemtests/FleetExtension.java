package io.budai.systemtests;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests the one shared {@link Fleet}: started by the first test that asks for it, kept in the
 * root store of the run and closed ({@code budai down}) when the run ends. A fleet that failed to
 * start is not started again: every later test fails with the same cause.
 */
final class FleetExtension implements ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(FleetExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Fleet.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Started started =
        context
            .getRoot()
            .getStore(NAMESPACE)
            .computeIfAbsent(Started.class, key -> Started.attempt(), Started.class);
    if (started.failure() != null) {
      throw new IllegalStateException("The shared fleet did not start", started.failure());
    }
    return started.fleet();
  }

  /** The outcome of the one start attempt; closing it takes the fleet down. */
  record Started(Fleet fleet, Throwable failure) implements AutoCloseable {

    static Started attempt() {
      try {
        return new Started(Fleet.start(), null);
      } catch (RuntimeException | Error e) {
        return new Started(null, e);
      }
    }

    @Override
    public void close() {
      if (fleet != null) {
        fleet.close();
      }
    }
  }
}
