package org.marketlink.examples.readme;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marketlink.core.model.Buyer;
import org.marketlink.core.model.Product;
import org.marketlink.core.model.Shg;
import org.marketlink.forecast.Forecast;
import org.marketlink.matching.features.PairFeatures;
import org.marketlink.matching.features.ShgProfile;
import org.marketlink.matching.retrieval.MatchRetriever;
import org.marketlink.matching.retrieval.Recommendation;
import org.marketlink.matching.retrieval.TopKTable;
import org.marketlink.matching.scoring.HardFilters;
import org.marketlink.matching.scoring.WeightedScorer;
import org.marketlink.store.MarketStore;
import org.marketlink.store.StoreOptions;
import org.marketlink.store.crypto.FileKeyProvider;
import org.marketlink.store.features.EntityTime;
import org.marketlink.store.features.FeatureMatrix;
import org.marketlink.testing.MarketFixtures;
import org.marketlink.testing.SyntheticMarket;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's Quick start snippets are the code of {@link QuickStart}, and that code runs. */
class ReadmeSnippetsTest {
    static final Path README = Path.of("..", "README.md");
    static final Path SOURCE = Path.of("src", "main", "java", "org", "marketlink", "examples", "readme",
            "QuickStart.java");

    /** Each {@code tag::name[]} region of the source, without its common indentation. */
    static Map<String, String> regions(List<String> lines) {
        Map<String, String> out = new LinkedHashMap<>();
        String name = null;
        List<String> body = new ArrayList<>();
        for (String line : lines) {
            String t = line.strip();
            if (t.startsWith("// tag::")) {
                name = t.substring("// tag::".length(), t.length() - 2);
                body.clear();
            } else if (t.startsWith("// end::")) {
                int indent = body.stream().filter(l -> !l.isBlank())
                        .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
                out.put(name, body.stream().map(l -> l.isBlank() ? "" : l.substring(indent))
                        .collect(Collectors.joining("\n")));
                name = null;
            } else if (name != null) {
                body.add(line.stripTrailing());
            }
        }
        return out;
    }

    /** The README's fenced Java blocks. */
    static List<String> javaBlocks(List<String> lines) {
        List<String> out = new ArrayList<>();
        StringBuilder block = null;
        for (String line : lines) {
            if (block == null && line.strip().equals("```java")) {
                block = new StringBuilder();
            } else if (block != null && line.strip().equals("```")) {
                out.add(block.toString().stripTrailing());
                block = null;
            } else if (block != null) {
                block.append(line.stripTrailing()).append('\n');
            }
        }
        return out;
    }

    @Test
    void everyTaggedSnippetIsQuotedInTheReadmeWordForWord() throws Exception {
        Map<String, String> snippets = regions(Files.readAllLines(SOURCE));
        assertThat(snippets).containsOnlyKeys("forecasting", "storage", "matching", "learned-matching", "features");
        List<String> blocks = javaBlocks(Files.readAllLines(README));
        snippets.forEach((name, code) -> assertThat(blocks).as("the README quotes the %s snippet of %s as it is",
                name, SOURCE).anyMatch(block -> block.contains(code)));
    }

    @Test
    void forecastingRuns() {
        double[] demand = new double[48];
        for (int t = 0; t < demand.length; t++) {
            demand[t] = 100 + t + 20 * Math.sin(2 * Math.PI * t / 12);
        }
        Forecast f = QuickStart.forecasting(demand);
        assertThat(f.mean()).hasSize(6);
        assertThat(Arrays.stream(f.mean()).allMatch(v -> v > 100 && v < 200)).isTrue();
        assertThat(f.interval(95)).isPresent();
    }

    @Test
    void storageRunsTwiceOnOneDirectoryAndReadsWhatItSealed(@TempDir Path dir) throws Exception {
        Instant now = Instant.parse("2026-11-25T06:00:00Z");
        QuickStart.storage(dir, now);
        QuickStart.storage(dir, now.plusSeconds(86_400)); // a restart: same key file, same group
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("marketlink.keys"))))
                .isEqualTo("rw-------");
        try (MarketStore store = MarketStore.embedded(dir, StoreOptions.defaults()
                .withKeyProvider(FileKeyProvider.open(dir.resolve("marketlink.keys"))))) {
            List<Shg> all = store.shgs().findAll();
            assertThat(all).hasSize(1);
            assertThat(all.get(0).bankDetails().orElseThrow().accountNumber()).isEqualTo("0123456789");
        }
    }

    @Test
    void matchingRuns() {
        List<ShgProfile> groups = SyntheticMarket.shgs(60, 1, ShgProfile::of);
        List<Buyer> buyers = SyntheticMarket.buyers(300, 2);
        List<Recommendation> best = QuickStart.matching(groups, buyers, groups.get(0).shg().id());
        assertThat(best).isNotEmpty().hasSizeLessThanOrEqualTo(10);
        for (int i = 1; i < best.size(); i++) {
            assertThat(best.get(i).score()).isLessThanOrEqualTo(best.get(i - 1).score());
        }
    }

    @Test
    void learnedMatchingRuns() {
        MarketFixtures f = MarketFixtures.generate(4, MarketFixtures.Options.defaults().withSize(40, 80)
                .withMatchesPerGroup(20));
        Map<UUID, List<Product>> products = f.products().stream().collect(Collectors.groupingBy(Product::shgId));
        List<ShgProfile> groups = f.shgs().stream()
                .map(s -> ShgProfile.of(s, products.getOrDefault(s.id(), List.of()))).toList();
        Map<UUID, String> category = new HashMap<>();
        f.shgs().forEach(s -> category.put(s.id(), s.category()));
        MatchRetriever retriever = MatchRetriever.build(groups, f.buyers(), PairFeatures.Options.defaults(),
                WeightedScorer.defaults(), HardFilters.none());
        int today = (int) LocalDate.of(2026, 11, 25).toEpochDay();
        TopKTable ranked = QuickStart.learnedMatching(retriever, f.matchHistory(), groups, f.buyers(), category::get,
                today - 120, today);
        assertThat(ranked.queries()).isEqualTo(groups.size());
        for (int s = 0; s < groups.size(); s++) {
            assertThat(ranked.count(s)).isEqualTo(10);
        }
    }

    @Test
    void featuresRun() {
        Instant t0 = Instant.parse("2026-11-01T00:00:00Z");
        List<QuickStart.Price> rows = List.of(new QuickStart.Price("p1", t0.plusSeconds(86_400 * 3), 12),
                new QuickStart.Price("p1", t0, 10), new QuickStart.Price("p2", t0.plusSeconds(86_400), 7));
        List<EntityTime> requests = List.of(new EntityTime("p1", t0.plusSeconds(86_400)),
                new EntityTime("p1", t0.plusSeconds(86_400 * 5)), new EntityTime("p2", t0));
        try (MarketStore store = MarketStore.inMemory()) {
            FeatureMatrix m = QuickStart.features(store, rows, requests, "readme-features");
            assertThat(m.values()).hasNumberOfRows(3);
            assertThat(m.get(0, 0)).as("the price known a day in").isEqualTo(10);
            assertThat(m.get(1, 0)).as("the later price once it was known").isEqualTo(12);
            assertThat(m.get(2, 0)).as("nothing was known yet").isNaN();
        }
    }
}
