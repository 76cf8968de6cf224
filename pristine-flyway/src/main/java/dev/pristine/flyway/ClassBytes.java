package dev.pristine.flyway;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the {@code .class} bytes of code that takes part in a migration (Java migrations, callbacks,
 * resolvers): the class itself, its member classes, and its anonymous classes ({@code Outer$1},
 * {@code Outer$2}, …). Classes it merely calls (helpers, libraries) are not included.
 *
 * <p>Thread-safe (stateless, apart from remembering which warnings were logged).
 */
final class ClassBytes {

    private static final Logger LOG = LoggerFactory.getLogger(ClassBytes.class);
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();
    private static final int MAX_ANONYMOUS = 1000;

    private ClassBytes() {}

    /** Adds {@code role}, the class name and the bytes of {@code type} and its nested classes to {@code d}. */
    static void add(Digest d, String role, Class<?> type) {
        d.add(role).add(type.getName());
        List<Class<?>> all = new ArrayList<>();
        collect(type, all);
        d.add(Integer.toString(all.size()));
        for (Class<?> c : all) {
            byte[] bytes = read(c.getClassLoader(), resourceName(c.getName()));
            d.add(c.getName());
            if (bytes == null) {
                if (WARNED.add(c.getName())) {
                    LOG.warn("Cannot read the bytes of {} (generated or hidden class?): the template key covers its "
                            + "name only, so a change to its code does not rebuild the template", c.getName());
                }
                d.add((String) null);
            } else {
                d.add(bytes);
            }
            int n = 0;
            for (int i = 1; i <= MAX_ANONYMOUS && c.getClassLoader() != null; i++) {
                byte[] anonymous = read(c.getClassLoader(), resourceName(c.getName() + "$" + i));
                if (anonymous == null) {
                    break;
                }
                d.add(c.getName() + "$" + i).add(anonymous);
                n++;
            }
            d.add(Integer.toString(n));
        }
    }

    private static void collect(Class<?> c, List<Class<?>> out) {
        out.add(c);
        Class<?>[] members;
        try {
            members = c.getDeclaredClasses();
        } catch (LinkageError | SecurityException e) {
            return;
        }
        Arrays.sort(members, Comparator.comparing(Class::getName));
        for (Class<?> m : members) {
            collect(m, out);
        }
    }

    private static String resourceName(String className) {
        return className.replace('.', '/') + ".class";
    }

    private static byte[] read(ClassLoader loader, String resource) {
        ClassLoader cl = loader != null ? loader : ClassLoader.getSystemClassLoader();
        try (InputStream in = cl.getResourceAsStream(resource)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            return null;
        }
    }
}
