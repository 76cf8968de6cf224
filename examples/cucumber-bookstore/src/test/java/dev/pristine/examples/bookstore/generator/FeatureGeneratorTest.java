package dev.pristine.examples.bookstore.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cucumber.gherkin.GherkinParser;
import io.cucumber.messages.types.Envelope;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generator makes exactly the suite it is asked for: parsed by Gherkin, the full scale is 10,700 scenarios in 370 files. */
class FeatureGeneratorTest {

    private static final Path TEMPLATES = Path.of("src/test/templates");
    private static final Path SEED = Path.of("../bookstore-schema/V4__seed_data.sql");

    @TempDir
    Path out;

    @Test
    void theFullScaleIs10700ScenariosIn370FeatureFiles() throws IOException {
        int files = FeatureGenerator.generate(TEMPLATES, Catalogue.read(SEED), out, 10_700);

        assertThat(files).isEqualTo(370);
        assertThat(featureFiles()).hasSize(370);
        assertThat(pickles()).isEqualTo(10_700);
    }

    @Test
    void theDefaultScaleIsAFewHundredScenariosAndRegeneratingReplacesTheOldFiles() throws IOException {
        FeatureGenerator.generate(TEMPLATES, Catalogue.read(SEED), out, 10_700);

        int files = FeatureGenerator.generate(TEMPLATES, Catalogue.read(SEED), out, 300);

        assertThat(files).isEqualTo(10);
        assertThat(featureFiles()).hasSize(10).contains(out.resolve("invoices-001.feature"), out.resolve("refunds-002.feature"));
        assertThat(pickles()).isEqualTo(300);
    }

    @Test
    void expectedTotalsComeFromTheSeedPrices() throws IOException {
        Catalogue catalogue = Catalogue.read(SEED);

        assertThat(catalogue.prices()).hasSize(343).containsEntry(1, new BigDecimal("1.29")).containsEntry(3, new BigDecimal("0.99"));
        assertThat(catalogue.artists()).containsEntry(1, "AC/DC").containsEntry(6, "Antônio Carlos Jobim");
        assertThat(catalogue.tracksPerAlbum().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(343);
    }

    @Test
    void aScaleTooSmallForTheFilesIsRefused() {
        assertThatThrownBy(() -> FeatureGenerator.generate(TEMPLATES, Catalogue.read(SEED), out, 9))
                .hasMessage("bookstore.scale must be at least 10 (one outline row and one fixed scenario per file), was 9");
    }

    private List<Path> featureFiles() throws IOException {
        try (Stream<Path> s = Files.list(out)) {
            return s.filter(p -> p.toString().endsWith(".feature")).toList();
        }
    }

    private long pickles() throws IOException {
        GherkinParser parser = GherkinParser.builder().includeSource(false).includeGherkinDocument(false).build();
        long n = 0;
        for (Path p : featureFiles()) {
            try (Stream<Envelope> envelopes = parser.parse(p)) {
                n += envelopes.filter(e -> e.getPickle().isPresent()).count();
            }
        }
        return n;
    }
}
