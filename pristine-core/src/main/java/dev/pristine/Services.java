package dev.pristine;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Finds the implementations of a service on the context class loader and on core's own, each class once; for the builder and the settings registry. */
final class Services {

    private Services() {}

    /** Every implementation of {@code type}, context class loader first. */
    static <T> List<T> load(Class<T> type) {
        List<T> out = new ArrayList<>();
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        for (ClassLoader cl : new ClassLoader[] {context, Services.class.getClassLoader()}) {
            if (cl == null) {
                continue;
            }
            for (T t : ServiceLoader.load(type, cl)) {
                if (out.stream().noneMatch(o -> o.getClass().getName().equals(t.getClass().getName()))) {
                    out.add(t);
                }
            }
        }
        return out;
    }
}
