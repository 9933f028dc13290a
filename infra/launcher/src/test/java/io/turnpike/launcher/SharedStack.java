package io.turnpike.launcher;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One whole stack per test JVM, shared by every IT class annotated {@code @ExtendWith(SharedStack.class)}: started
 * by the first such class (about 8 s) and closed when JUnit finishes, through the root store. Test classes receive
 * it as a {@link RunningStack} parameter of a {@code @BeforeAll} method.
 */
final class SharedStack implements BeforeAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedStack.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        running(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == RunningStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return running(context);
    }

    private static RunningStack running(ExtensionContext context) {
        // The root store closes AutoCloseable values once every test class has run.
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(RunningStack.class, type -> RunningStack.start(), RunningStack.class);
    }
}
