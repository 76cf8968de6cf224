package dev.pristine.examples.bookstore.generator;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Writes the bookstore feature suite at a given scale: {@code scale} scenarios spread over feature files in
 * the proportion of the full suite (10,700 scenarios in 370 files), made from the templates in
 * {@code src/test/templates} with example rows whose expected totals come from the seed catalogue. Run by
 * the build before the tests; the files go under {@code target/}, never into the repository.
 *
 * <p>Arguments: templates directory, seed SQL file, output directory, scale, manifest file.
 */
public final class FeatureGenerator {

    /** The full suite. */
    static final int FULL_SCENARIOS = 10_700;
    static final int FULL_FILES = 370;

    private static final String[] FIRST = {"Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Margaret", "Tony",
        "Frances", "Niklaus", "Radia", "Ken", "Adele", "John", "Hedy", "Dennis"};
    private static final String[] LAST = {"Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Hamilton",
        "Hoare", "Allen", "Wirth", "Perlman", "Thompson", "Goldberg", "Backus", "Lamarr", "Ritchie"};
    private static final String[] COUNTRIES = {"United Kingdom", "USA", "Netherlands", "Switzerland", "Canada",
        "Germany", "France", "Brazil", "Norway", "Denmark"};

    private FeatureGenerator() {}

    public static void main(String[] args) throws IOException {
        Path templates = Path.of(args[0]);
        Catalogue catalogue = Catalogue.read(Path.of(args[1]));
        Path out = Path.of(args[2]);
        int scale = Integer.parseInt(args[3].trim());
        Path manifest = Path.of(args[4]);
        int files = generate(templates, catalogue, out, scale);
        Files.createDirectories(manifest.toAbsolutePath().getParent());
        Files.writeString(manifest, "# written by FeatureGenerator\nscenarios=" + scale + "\nfiles=" + files + "\n");
    }

    /** Writes {@code scale} scenarios into {@code out} (emptied first) and returns the number of files. */
    static int generate(Path templatesDir, Catalogue catalogue, Path out, int scale) throws IOException {
        List<Path> templates;
        try (Stream<Path> s = Files.list(templatesDir)) {
            templates = s.filter(p -> p.toString().endsWith(".feature")).sorted().toList();
        }
        int files = Math.max(templates.size(), (int) Math.round((double) scale * FULL_FILES / FULL_SCENARIOS));
        if (scale < 2 * files) {
            throw new IllegalArgumentException("bookstore.scale must be at least " + 2 * files + " (one outline row and "
                    + "one fixed scenario per file), was " + scale);
        }
        if (Files.isDirectory(out)) {
            try (Stream<Path> old = Files.list(out)) {
                for (Path p : old.filter(p -> p.toString().endsWith(".feature")).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(out);
        List<String> texts = new ArrayList<>();
        for (Path t : templates) {
            texts.add(Files.readString(t));
        }
        for (int i = 0; i < files; i++) {
            int k = i % templates.size();
            String kind = templates.get(k).getFileName().toString().replace(".feature", "");
            int part = i / templates.size() + 1;
            int scenarios = scale / files + (i < scale % files ? 1 : 0);
            int fixed = (int) texts.get(k).lines().filter(l -> l.stripLeading().startsWith("Scenario:")).count();
            List<String> rows = rows(kind, scenarios - fixed, catalogue, new Random(31L * i + 7));
            String text = texts.get(k).replace("{{part}}", Integer.toString(part)).replace("{{rows}}", String.join("\n", rows));
            Files.writeString(out.resolve(String.format(Locale.ROOT, "%s-%03d.feature", kind, part)), text + "\n");
        }
        return files;
    }

    private static List<String> rows(String kind, int n, Catalogue c, Random random) {
        List<Integer> tracks = new ArrayList<>(c.prices().keySet());
        List<Integer> albums = new ArrayList<>(c.albumArtist().keySet());
        List<String> rows = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            rows.add(switch (kind) {
                case "invoices" -> {
                    int t1 = pick(tracks, random);
                    int t2 = pick(tracks, random);
                    while (t2 == t1) {
                        t2 = pick(tracks, random);
                    }
                    int q1 = 1 + random.nextInt(3);
                    int q2 = 1 + random.nextInt(3);
                    BigDecimal total = c.prices().get(t1).multiply(BigDecimal.valueOf(q1))
                            .add(c.prices().get(t2).multiply(BigDecimal.valueOf(q2)));
                    yield row(t1, q1, t2, q2, total.setScale(2));
                }
                case "refunds" -> {
                    int t = pick(tracks, random);
                    int q = 1 + random.nextInt(4);
                    yield row(t, q, c.prices().get(t).multiply(BigDecimal.valueOf(q)).setScale(2));
                }
                case "playlists" -> {
                    int a = pick(tracks, random);
                    int b = pick(tracks, random);
                    int d = pick(tracks, random);
                    while (b == a) {
                        b = pick(tracks, random);
                    }
                    while (d == a || d == b) {
                        d = pick(tracks, random);
                    }
                    yield row(a, b, d);
                }
                case "customers" -> {
                    String first = FIRST[random.nextInt(FIRST.length)];
                    String last = LAST[random.nextInt(LAST.length)];
                    String email = (first + "." + last + "." + r + "@example.com").toLowerCase(Locale.ROOT);
                    yield row(first, last, email, COUNTRIES[random.nextInt(COUNTRIES.length)]);
                }
                case "catalogue" -> {
                    int album = pick(albums, random);
                    yield row(album, c.artists().get(c.albumArtist().get(album)), c.tracksPerAlbum().getOrDefault(album, 0));
                }
                default -> throw new IllegalArgumentException("no example rows for the template " + kind);
            });
        }
        return rows;
    }

    private static int pick(List<Integer> from, Random random) {
        return from.get(random.nextInt(from.size()));
    }

    private static String row(Object... cells) {
        StringBuilder sb = new StringBuilder("      |");
        for (Object cell : cells) {
            sb.append(' ').append(cell).append(" |");
        }
        return sb.toString();
    }
}
