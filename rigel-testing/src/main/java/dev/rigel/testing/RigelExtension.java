package dev.rigel.testing;

import dev.rigel.App;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that hands each test a fresh {@link TestClient} (or {@link AsyncTestClient})
 * for the app built by the class's {@link TestApp} method, and closes it afterwards so shutdown
 * hooks run.
 *
 * <pre>{@code
 * @ExtendWith(RigelExtension.class)
 * class HealthTest {
 *     @TestApp static App app() { return MyApp.create(); }
 *
 *     @Test void health(TestClient client) { assertThat(client.get("/health").status()).isEqualTo(200); }
 * }
 * }</pre>
 */
public final class RigelExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RigelExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == TestClient.class || type == AsyncTestClient.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        App app = buildApp(context.getRequiredTestClass());
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        if (parameter.getParameter().getType() == AsyncTestClient.class) {
            AsyncTestClient client = AsyncTestClient.of(app);
            store.put(client, (AutoCloseable) client::close);
            return client;
        }
        TestClient client = TestClient.of(app);
        store.put(client, (AutoCloseable) client::close);
        return client;
    }

    private static App buildApp(Class<?> testClass) {
        for (Class<?> type : searchOrder(testClass)) {
            for (Method method : type.getDeclaredMethods()) {
                if (!method.isAnnotationPresent(TestApp.class)) {
                    continue;
                }
                if (!Modifier.isStatic(method.getModifiers())
                        || method.getParameterCount() != 0
                        || !App.class.isAssignableFrom(method.getReturnType())) {
                    throw new ExtensionConfigurationException(
                            "@TestApp method " + method + " must be static, take no arguments and return an App");
                }
                try {
                    method.setAccessible(true);
                    return (App) method.invoke(null);
                } catch (ReflectiveOperationException e) {
                    Throwable cause = e.getCause() == null ? e : e.getCause();
                    throw new ParameterResolutionException(
                            "@TestApp method " + method.getName() + " failed: " + cause, cause);
                }
            }
        }
        throw new ExtensionConfigurationException(
                testClass.getName() + " uses RigelExtension but has no static @TestApp method returning the App");
    }

    /** The test class and its superclasses, then those of each enclosing class (for {@code @Nested} tests). */
    private static List<Class<?>> searchOrder(Class<?> testClass) {
        List<Class<?>> order = new ArrayList<>();
        for (Class<?> owner = testClass; owner != null; owner = owner.getEnclosingClass()) {
            for (Class<?> type = owner; type != null; type = type.getSuperclass()) {
                order.add(type);
            }
        }
        return order;
    }
}
