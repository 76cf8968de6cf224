package dev.pristine.junit5;

import dev.pristine.PristineException;
import dev.pristine.TestDatabase;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Parameter;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.ModifierSupport;

/**
 * The extension behind {@link PristineDatabase @PristineDatabase}, shaped like JUnit's {@code TempDirectory}:
 * static fields are injected before all tests of a class, instance fields before each test, parameters
 * on request. Each database is a resource in the store of its scope (the test, or the class), closed by
 * JUnit when the scope ends; the {@code Pristine} instances live in the root store, one per configuration.
 *
 * <p>Stateless and thread-safe: all state is in the stores, whose look-ups JUnit synchronises.
 */
final class PristineExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {

    static final Namespace NAMESPACE = Namespace.create(PristineExtension.class);

    PristineExtension() {}

    /** Constructor parameters are resolved in the test method's context, so they get a database per test. */
    @Override
    public ExtensionContextScope getTestInstantiationExtensionContextScope(ExtensionContext rootContext) {
        return ExtensionContextScope.TEST_METHOD;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IllegalAccessException {
        FailureTracker.install(context);
        injectFields(context, null, context.getRequiredTestClass(), ModifierSupport::isStatic);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IllegalAccessException {
        FailureTracker.install(context);
        for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
            injectFields(context, instance, instance.getClass(), ModifierSupport::isNotStatic);
        }
    }

    private void injectFields(ExtensionContext context, Object instance, Class<?> type, Predicate<Field> filter)
            throws IllegalAccessException {
        for (Field field : AnnotationSupport.findAnnotatedFields(type, PristineDatabase.class, filter)) {
            String where = "field " + field.getDeclaringClass().getSimpleName() + "." + field.getName();
            InjectionType injection = InjectionType.of(field.getType(), where);
            if (ModifierSupport.isFinal(field)) {
                throw new ExtensionConfigurationException("@PristineDatabase " + where + " must not be final");
            }
            PristineDatabase annotation = AnnotationSupport.findAnnotation(field, PristineDatabase.class).orElseThrow();
            Lifecycle lifecycle = ModifierSupport.isStatic(field) ? Lifecycle.PER_CLASS : annotation.lifecycle();
            Object value = injection.valueOf(database(annotation, lifecycle, context), field);
            field.setAccessible(true);
            field.set(instance, value);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.isAnnotated(PristineDatabase.class);
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Parameter parameter = parameterContext.getParameter();
        InjectionType injection = InjectionType.of(parameter.getType(), describe(parameterContext));
        PristineDatabase annotation = parameterContext.findAnnotation(PristineDatabase.class).orElseThrow();
        try {
            return injection.valueOf(database(annotation, annotation.lifecycle(), extensionContext), parameter);
        } catch (PristineException e) {
            if (e.getStackTrace().length == 0) {
                throw new UnresolvedParameter(e); // JUnit's wrapper would bring back the stack trace it left out
            }
            throw e;
        }
    }

    /** The database of this configuration in the scope the lifecycle asks for, leased on first use. */
    private static DatabaseResource database(PristineDatabase annotation, Lifecycle lifecycle, ExtensionContext context) {
        Request request = Configuration.resolve(annotation, context);
        ExtensionContext scope = lifecycle == Lifecycle.PER_CLASS ? classScope(context) : context;
        return scope.getStore(NAMESPACE).getOrComputeIfAbsent(new Key(scope.getUniqueId(), request.identity()),
                k -> open(request, scope), DatabaseResource.class);
    }

    private static DatabaseResource open(Request request, ExtensionContext scope) {
        String test = testName(scope);
        TestDatabase database = SharedPristine.of(request, scope).acquire(test);
        return new DatabaseResource(database, test, request, scope);
    }

    /** The nearest enclosing context of a class (a test's class, or the context itself for a class). */
    private static ExtensionContext classScope(ExtensionContext context) {
        ExtensionContext c = context;
        while (c.getTestMethod().isPresent() && c.getParent().isPresent()) {
            c = c.getParent().get();
        }
        return c;
    }

    /** {@code ClassName.methodName} for a test, {@code ClassName} for a class. */
    private static String testName(ExtensionContext scope) {
        String cls = scope.getTestClass().map(Class::getSimpleName).orElse(scope.getDisplayName());
        return scope.getTestMethod().map(m -> cls + "." + m.getName()).orElse(cls);
    }

    private static String describe(ParameterContext pc) {
        Parameter p = pc.getParameter();
        Executable e = pc.getDeclaringExecutable();
        String types = Arrays.stream(e.getParameterTypes()).map(Class::getSimpleName).collect(Collectors.joining(", "));
        String name = e instanceof Constructor<?> ? e.getDeclaringClass().getSimpleName()
                : e.getDeclaringClass().getSimpleName() + "." + e.getName();
        return "parameter " + (p.isNamePresent() ? p.getName() : "#" + (pc.getIndex() + 1)) + " of " + name + "(" + types + ")";
    }

    /** A database per scope and configuration: every injection point of a test with the same configuration shares it. */
    private record Key(String scope, Map<String, String> identity) {
        @Override
        public String toString() {
            return "PristineExtension.Key[" + scope + ", " + identity.keySet() + "]"; // values may hold a password
        }
    }
}
