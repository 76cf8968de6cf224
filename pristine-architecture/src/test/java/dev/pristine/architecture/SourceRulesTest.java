package dev.pristine.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Rules bytecode cannot show, checked on the main sources of every module: a fully-qualified name of a
 * Pristine class in code hides a dependency from the import list (the compiled class looks the same), and
 * a constant of {@code internal} used elsewhere is copied into the user's class file, leaving no reference.
 */
class SourceRulesTest {

    /** {@code dev.pristine.}, any lower-case package segments, then a class name. */
    private static final Pattern PROJECT_CLASS = Pattern.compile("\\bdev\\.pristine(\\.[a-z_][a-z0-9_]*)*\\.[A-Z]");
    private static final Pattern INTERNAL = Pattern.compile("\\bdev\\.pristine\\.internal\\b");

    @Test
    void noInlineFullyQualifiedNamesOfProjectClasses() {
        Path root = Tree.root();
        List<Path> sources = Tree.mainSources();
        List<String> found = new ArrayList<>();
        for (Path file : sources) {
            String[] original = Tree.read(file).split("\n", -1);
            String[] code = codeOnly(Tree.read(file)).split("\n", -1);
            for (int i = 0; i < code.length; i++) {
                String line = code[i].strip();
                if (!line.startsWith("package ") && !line.startsWith("import ") && PROJECT_CLASS.matcher(line).find()) {
                    found.add(root.relativize(file) + ":" + (i + 1) + ": " + original[i].strip());
                }
            }
        }
        assertThat(sources).as("main sources found").hasSizeGreaterThan(100);
        assertThat(found).as("inline fully-qualified names of Pristine classes (import them instead)").isEmpty();
    }

    @Test
    void noModuleButCoreNamesInternal() {
        Path root = Tree.root();
        Path core = root.resolve("pristine-core");
        List<String> found = new ArrayList<>();
        for (Path file : Tree.mainSources()) {
            if (file.startsWith(core)) {
                continue;
            }
            String[] code = codeOnly(Tree.read(file)).split("\n", -1);
            for (int i = 0; i < code.length; i++) {
                if (INTERNAL.matcher(code[i]).find()) {
                    found.add(root.relativize(file) + ":" + (i + 1) + ": " + code[i].strip());
                }
            }
        }
        assertThat(found).as("dev.pristine.internal named outside pristine-core (use the API or the SPI)").isEmpty();
    }

    @Test
    void theScanSeesCodeButNotCommentsOrLiterals() {
        String src = "/** {@link dev.pristine.Pristine} */\nString s = \"dev.pristine.Pristine\"; // dev.pristine.X\n"
                + "String t = \"\"\"\n  dev.pristine.Y \\\"\"\" \n  \"\"\"; char q = '\"';\nnew dev.pristine.Z();\n";
        String code = codeOnly(src);
        assertThat(code.split("\n", -1)).hasSize(src.split("\n", -1).length);
        assertThat(PROJECT_CLASS.matcher(code).results().map(r -> r.group())).containsExactly("dev.pristine.Z");
    }

    /** {@code src} with comments, string, text-block and char literals blanked out; line breaks are kept. */
    static String codeOnly(String src) {
        StringBuilder out = new StringBuilder(src.length());
        int n = src.length();
        int i = 0;
        while (i < n) {
            int end;
            if (src.startsWith("//", i)) {
                end = src.indexOf('\n', i);
                end = end < 0 ? n : end;
            } else if (src.startsWith("/*", i)) {
                end = src.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
            } else if (src.startsWith("\"\"\"", i)) {
                end = i + 3;
                while (end < n && !src.startsWith("\"\"\"", end)) {
                    end += src.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(n, end + 3);
            } else if (src.charAt(i) == '"' || src.charAt(i) == '\'') {
                char quote = src.charAt(i);
                end = i + 1;
                while (end < n && src.charAt(end) != quote && src.charAt(end) != '\n') {
                    end += src.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(n, end + 1);
            } else {
                out.append(src.charAt(i++));
                continue;
            }
            for (int k = i; k < end; k++) {
                out.append(src.charAt(k) == '\n' ? '\n' : ' ');
            }
            i = end;
        }
        return out.toString();
    }
}
