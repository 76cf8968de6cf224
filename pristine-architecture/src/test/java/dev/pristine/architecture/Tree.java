package dev.pristine.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The reactor as files: its modules (from the root pom) and their main sources. */
final class Tree {

    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");

    private Tree() {}

    /** The repository root: this module's parent folder (tests run in the module's folder). */
    static Path root() {
        Path root = Path.of("").toAbsolutePath().getParent();
        if (!read(root.resolve("pom.xml")).contains("<artifactId>pristine-parent</artifactId>")) {
            throw new IllegalStateException("not the Pristine root: " + root);
        }
        return root;
    }

    /** The {@code src/main/java} folder of every module the root pom lists that has one. */
    static List<Path> mainSourceRoots() {
        Path root = root();
        Matcher m = MODULE.matcher(read(root.resolve("pom.xml")));
        return m.results().map(r -> root.resolve(r.group(1)).resolve("src/main/java"))
                .filter(Files::isDirectory).collect(Collectors.toList());
    }

    /** Every {@code .java} file under the modules' {@code src/main/java}. */
    static List<Path> mainSources() {
        return mainSourceRoots().stream().flatMap(Tree::javaFiles).collect(Collectors.toList());
    }

    /** The packages of the modules' main sources that hold a class (not only a package-info). */
    static Set<String> mainPackages() {
        Set<String> packages = new TreeSet<>();
        for (Path src : mainSourceRoots()) {
            javaFiles(src).filter(f -> !f.getFileName().toString().equals("package-info.java"))
                    .forEach(f -> packages.add(src.relativize(f.getParent()).toString().replace('/', '.')));
        }
        return packages;
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Stream<Path> javaFiles(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().collect(Collectors.toList()).stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
