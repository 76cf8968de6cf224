package dev.pristine.cucumber;

import java.net.URI;
import java.nio.file.Path;

/** One string per feature file, the same whether it comes from a scenario's URI or a JUnit test source. */
final class FeatureKeys {

    private FeatureKeys() {}

    /** The key of the feature at {@code uri} ({@code classpath:a/b.feature}, {@code file:/abs/b.feature}, …). */
    static String of(URI uri) {
        String scheme = uri.getScheme();
        if ("classpath".equals(scheme)) {
            return classpath(uri.getSchemeSpecificPart());
        }
        if ("file".equals(scheme)) {
            return file(Path.of(uri));
        }
        return uri.toString();
    }

    static String classpath(String resource) {
        return "classpath:" + resource.replaceFirst("^/+", "");
    }

    static String file(Path path) {
        return "file:" + path.toAbsolutePath().normalize();
    }

    /** The file name without {@code .feature}, for database names. */
    static String stem(URI uri) {
        String s = uri.getSchemeSpecificPart();
        if (s == null) {
            s = uri.toString();
        }
        s = s.substring(s.lastIndexOf('/') + 1);
        return s.endsWith(".feature") ? s.substring(0, s.length() - ".feature".length()) : s;
    }
}
