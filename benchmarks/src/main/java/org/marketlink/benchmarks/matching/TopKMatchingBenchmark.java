package org.marketlink.benchmarks.matching;

import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.marketlink.core.model.Buyer;
import org.marketlink.core.model.BuyerType;
import org.marketlink.core.model.GeoPoint;
import org.marketlink.core.model.Match;
import org.marketlink.core.model.MatchStatus;
import org.marketlink.matching.evaluation.OutcomeExamples;
import org.marketlink.matching.features.CollaborativeFeatures;
import org.marketlink.matching.features.CostModel;
import org.marketlink.matching.features.MatchAffinity;
import org.marketlink.matching.features.PairFeature;
import org.marketlink.matching.features.PairFeatures;
import org.marketlink.matching.features.ShgProfile;
import org.marketlink.matching.features.SuccessHistory;
import org.marketlink.matching.retrieval.MatchRetriever;
import org.marketlink.matching.retrieval.Recommendation;
import org.marketlink.matching.retrieval.TopKTable;
import org.marketlink.matching.retrieval.TwoStageRetriever;
import org.marketlink.matching.scoring.HardFilters;
import org.marketlink.matching.scoring.WeightedScorer;
import org.marketlink.matching.scoring.Weights;
import org.marketlink.ml.matching.LearnedScorer;
import org.marketlink.testing.SyntheticMarket;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * Exact top-10 buyers for every producer group with the weighted scorer (all seven features, a category in common
 * required), against DuckDB computing the same score in SQL over the cross join with a {@code row_number()} top-10
 * window. Same process, same data, same thread count. DuckDB runs on a slice of the groups (the window over the whole
 * 10^9-pair cross join does not fit in memory); throughput is compared per pair. The top-10 lists of that slice are
 * checked to agree.
 *
 * <p>Arguments: groups (10000), buyers (100000), DuckDB groups (500), rounds (3).
 */
public final class TopKMatchingBenchmark {
    /** The mean earth radius the engine uses, repeated for the SQL peer. */
    private static final double EARTH_RADIUS_KM = 6371.0088;
    private TopKMatchingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int shgCount = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int buyerCount = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int duckShgs = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        int cores = Runtime.getRuntime().availableProcessors();
        List<ShgProfile> shgs = SyntheticMarket.shgs(shgCount, 1, ShgProfile::of);
        List<Buyer> buyers = SyntheticMarket.buyers(buyerCount, 2);
        List<Match> past = past(shgs, buyers);
        SuccessHistory history = history(past, shgs, buyers);
        PairFeatures.Options options = PairFeatures.Options.defaults().withHistory(history)
                .withCostModel(CostModel.linear(1, 0));
        WeightedScorer scorer = new WeightedScorer(Weights.defaults());
        HardFilters filters = HardFilters.defaults();
        MatchRetriever retriever = MatchRetriever.build(shgs, buyers, options, scorer, filters);
        double pairs = (double) shgCount * buyerCount;
        System.out.printf("%,d groups x %,d buyers = %,.0f pairs, %d cores%n", shgCount, buyerCount, pairs, cores);

        // the learned two-stage ranking: a logistic regression on the pair features and the collaborative columns,
        // trained on the outcomes of the last 100 days with features as of the day before them
        int lastDay = (int) LocalDate.of(2026, 1, 1).toEpochDay() + 300;
        long tb = System.nanoTime();
        OutcomeExamples.Window train = OutcomeExamples.between(past, shgs, buyers, options,
                CollaborativeFeatures.Options.defaults(), 5, lastDay - 100, lastDay);
        LearnedScorer learned = LearnedScorer.train(train.featureNames(), train.features(), train.labels(),
                LearnedScorer.Options.logisticRegression());
        Map<UUID, String> categories = new HashMap<>();
        shgs.forEach(p -> categories.put(p.shg().id(), p.shg().category()));
        MatchAffinity affinity = MatchAffinity.of(past, categories::get, lastDay,
                CollaborativeFeatures.Options.defaults());
        TwoStageRetriever two = TwoStageRetriever.of(retriever, affinity, learned, 50);
        System.out.printf("learned scorer on %,d outcomes and the collaborative columns of %,d matches built in %.2f s;"
                + " %,d of %,d groups have a completed match%n", train.size(), past.size(),
                (System.nanoTime() - tb) / 1e9, IntStream.range(0, shgCount).filter(two::learned).count(), shgCount);

        TopKTable ours = null;
        TopKTable twoStage = null;
        double bestOurs = 0;
        double bestTwo = 0;
        for (int round = 1; round <= rounds; round++) {
            long t0 = System.nanoTime();
            ours = retriever.topBuyersForAll(10);
            double seconds = (System.nanoTime() - t0) / 1e9;
            bestOurs = Math.max(bestOurs, pairs / seconds);
            System.out.printf("round %d MarketLink all groups: %.2f s, %,.0f pairs/s, %,.0f pairs/s per core%n",
                    round, seconds, pairs / seconds, pairs / seconds / cores);
            t0 = System.nanoTime();
            twoStage = two.topBuyersForAll(10);
            seconds = (System.nanoTime() - t0) / 1e9;
            bestTwo = Math.max(bestTwo, pairs / seconds);
            System.out.printf("round %d MarketLink two-stage learned (weighted top 50 + collaborative reach, "
                    + "re-scored): %.2f s, %,.0f pairs/s, %,.0f pairs/s per core%n", round, seconds, pairs / seconds,
                    pairs / seconds / cores);
        }
        System.out.printf("two-stage recall of the exact learned top-10 (every buyer scored) on 20 groups: %.3f%n",
                recallOfExactLearned(two, retriever, twoStage, 20));
        System.out.printf("best two-stage learned ranking: %,.0f pairs/s per core (weighted alone %,.0f)%n",
                bestTwo / cores, bestOurs / cores);

        // the same without any filter: every pair is a candidate (only the score bound prunes)
        MatchRetriever unfiltered = MatchRetriever.build(shgs, buyers, options, scorer, HardFilters.none());
        double bestUnfiltered = 0;
        for (int round = 1; round <= rounds; round++) {
            long t0 = System.nanoTime();
            unfiltered.topBuyersForAll(10);
            double seconds = (System.nanoTime() - t0) / 1e9;
            bestUnfiltered = Math.max(bestUnfiltered, pairs / seconds);
            System.out.printf("round %d MarketLink, no filter (every pair a candidate): %.2f s, %,.0f pairs/s per core%n",
                    round, seconds, pairs / seconds / cores);
        }

        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            st.execute("SET threads = " + cores);
            load(c, st, shgs, buyers, history);
            double bestDuck = 0;
            double duckPairs = (double) duckShgs * buyerCount;
            int mismatches = 0;
            for (int round = 1; round <= rounds; round++) {
                long t0 = System.nanoTime();
                Map<Integer, List<double[]>> duck = duckTopK(st, duckShgs);
                double seconds = (System.nanoTime() - t0) / 1e9;
                bestDuck = Math.max(bestDuck, duckPairs / seconds);
                System.out.printf("round %d DuckDB %d groups: %.2f s, %,.0f pairs/s, %,.0f pairs/s per core%n",
                        round, duckShgs, seconds, duckPairs / seconds, duckPairs / seconds / cores);
                if (round == 1) {
                    mismatches = compare(ours, duck, duckShgs);
                }
            }
            System.out.printf("top-10 lists of the %d groups DuckDB ranked: %d differ%n", duckShgs, mismatches);
            System.out.printf("best: MarketLink %,.0f pairs/s per core, DuckDB %,.0f pairs/s per core, ratio %.1f "
                            + "(goals: >= 50,000,000 per core and >= 5x)%n",
                    bestOurs / cores, bestDuck / cores, bestOurs / bestDuck);
            System.out.printf("without filters MarketLink ranks %,.0f pairs/s per core%n", bestUnfiltered / cores);
        }
    }

    // a past: 20,000 finished matches over 300 days, so the success rates and the collaborative columns are not
    // constants; a pair completes the more likely the better the weighted scorer finds it, so a learned scorer has
    // something to learn
    private static List<Match> past(List<ShgProfile> shgs, List<Buyer> buyers) {
        Random r = new Random(3);
        PairFeatures features = new PairFeatures(PairFeatures.Options.defaults().withCostModel(CostModel.linear(1, 0)));
        WeightedScorer rule = WeightedScorer.defaults();
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        List<Match> past = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            ShgProfile s = shgs.get(r.nextInt(shgs.size()));
            Buyer b = buyers.get(r.nextInt(buyers.size()));
            Instant t = start.plusSeconds(86_400L * (1 + r.nextInt(300)));
            Match m = Match.pending(UUID.randomUUID(), s.shg().id(), b.id(), null, 0.5, "", t)
                    .moveTo(MatchStatus.ACCEPTED, t);
            double p = Math.min(0.95, Math.max(0.05, 2 * rule.score(features.compute(s, b)) - 0.5));
            past.add(r.nextDouble() >= p ? m.moveTo(MatchStatus.DECLINED, t)
                    : m.moveTo(MatchStatus.CONNECTED, t).moveTo(MatchStatus.COMPLETED, t));
        }
        return past;
    }

    private static SuccessHistory history(List<Match> past, List<ShgProfile> shgs, List<Buyer> buyers) {
        Map<UUID, String> categories = new HashMap<>();
        Map<UUID, BuyerType> types = new HashMap<>();
        shgs.forEach(p -> categories.put(p.shg().id(), p.shg().category()));
        buyers.forEach(b -> types.put(b.id(), b.type()));
        return SuccessHistory.of(past, categories::get, types::get, 5);
    }

    /**
     * The share of the exact learned top-10 (every buyer that passes the filters scored by the learned scorer) that
     * the two-stage lists hold, over the first {@code groups} groups the learned scorer ranks.
     */
    private static double recallOfExactLearned(TwoStageRetriever two, MatchRetriever first, TopKTable lists,
                                               int groups) {
        TwoStageRetriever exact = TwoStageRetriever.of(first, two.affinity(), two.scorer(), first.buyerCount());
        int found = 0;
        int wanted = 0;
        for (int s = 0, done = 0; s < first.shgCount() && done < groups; s++) {
            if (!two.learned(s)) {
                continue;
            }
            done++;
            List<Recommendation> best = exact.topBuyers(first.shg(s).shg().id(), 10);
            for (Recommendation r : best) {
                wanted++;
                for (int rank = 0; rank < lists.count(s); rank++) {
                    if (first.buyer(lists.id(s, rank)).id().equals(r.buyerId())) {
                        found++;
                        break;
                    }
                }
            }
        }
        return wanted == 0 ? Double.NaN : (double) found / wanted;
    }

    private static void load(Connection c, Statement st, List<ShgProfile> shgs, List<Buyer> buyers,
                             SuccessHistory history) throws Exception {
        List<String> cats = SyntheticMarket.CATEGORIES;
        List<String> certs = SyntheticMarket.CERTIFICATIONS;
        List<String> measures = SyntheticMarket.MEASURES;
        StringBuilder shgCols = new StringBuilder("s INTEGER, x DOUBLE, y DOUBLE, z DOUBLE");
        StringBuilder buyerCols = new StringBuilder("b INTEGER, x DOUBLE, y DOUBLE, z DOUBLE");
        for (int i = 0; i < cats.size(); i++) {
            shgCols.append(", sh").append(i).append(" DOUBLE");
            buyerCols.append(", p").append(i).append(" DOUBLE");
        }
        shgCols.append(", certs BIGINT, m0 DOUBLE, m1 DOUBLE, m2 DOUBLE, cap DOUBLE, pmin DOUBLE, pmax DOUBLE, "
                + "pavg DOUBLE, rate0 DOUBLE, rate1 DOUBLE, rate2 DOUBLE, rate3 DOUBLE");
        buyerCols.append(", req BIGINT, reqn INTEGER, rm INTEGER, rmin DOUBLE, vmin DOUBLE, vmax DOUBLE, "
                + "units DOUBLE, bmin DOUBLE, bmax DOUBLE, type INTEGER");
        st.execute("CREATE TABLE shg (" + shgCols + ")");
        st.execute("CREATE TABLE buyer (" + buyerCols + ")");
        double[] xyz = new double[3];
        try (var app = ((DuckDBConnection) c).createAppender("main", "shg")) {
            for (int s = 0; s < shgs.size(); s++) {
                ShgProfile p = shgs.get(s);
                app.beginRow();
                app.append(s);
                appendPoint(app, p.shg().location().point().orElse(null), xyz);
                Map<String, Double> shares = p.categoryShares();
                for (String cat : cats) {
                    app.append(shares.getOrDefault(cat, 0.0));
                }
                long mask = 0;
                for (String cert : p.certificationsHeld()) {
                    mask |= 1L << certs.indexOf(cert);
                }
                app.append(mask);
                for (String m : measures) {
                    Double v = p.shg().qualityMetrics().get(m);
                    appendNullable(app, v == null ? Double.NaN : v);
                }
                app.append((double) p.shg().monthlyCapacity());
                appendNullable(app, p.minPrice());
                appendNullable(app, p.maxPrice());
                appendNullable(app, p.averagePrice());
                for (BuyerType type : BuyerType.values()) {
                    app.append(history.rate(p.shg().category(), type));
                }
                app.endRow();
            }
        }
        try (var app = ((DuckDBConnection) c).createAppender("main", "buyer")) {
            for (int b = 0; b < buyers.size(); b++) {
                Buyer buyer = buyers.get(b);
                app.beginRow();
                app.append(b);
                appendPoint(app, buyer.location().point().orElse(null), xyz);
                for (String cat : cats) {
                    app.append(buyer.categoryPreferences().contains(cat) ? 1.0 : 0.0);
                }
                long mask = 0;
                for (String cert : buyer.certificationsRequired()) {
                    mask |= 1L << certs.indexOf(cert);
                }
                app.append(mask);
                app.append(Long.bitCount(mask));
                if (buyer.qualityRequirements().isEmpty()) {
                    app.append(-1);
                    app.append(0.0);
                } else {
                    var e = buyer.qualityRequirements().entrySet().iterator().next();
                    app.append(measures.indexOf(e.getKey()));
                    app.append(e.getValue());
                }
                app.append((double) buyer.orderVolume().min());
                app.append((double) buyer.orderVolume().max());
                app.append(PairFeatures.usualOrderUnits(buyer));
                app.append(buyer.priceRange().min().doubleValue());
                app.append(buyer.priceRange().max().doubleValue());
                app.append(buyer.type().ordinal());
                app.endRow();
            }
        }
    }

    private static void appendPoint(DuckDBAppender app, GeoPoint p, double[] xyz) throws Exception {
        if (p == null) {
            app.appendNull();
            app.appendNull();
            app.appendNull();
        } else {
            // the peer's own geometry (the same formula as the engine's, written out: no module's internals)
            double lat = Math.toRadians(p.latitude());
            double lon = Math.toRadians(p.longitude());
            xyz[0] = Math.cos(lat) * Math.cos(lon);
            xyz[1] = Math.cos(lat) * Math.sin(lon);
            xyz[2] = Math.sin(lat);
            app.append(xyz[0]);
            app.append(xyz[1]);
            app.append(xyz[2]);
        }
    }

    private static void appendNullable(DuckDBAppender app, double v) throws Exception {
        if (Double.isNaN(v)) {
            app.appendNull();
        } else {
            app.append(v);
        }
    }

    private static String scoreSql() {
        Weights w = Weights.defaults();
        StringBuilder category = new StringBuilder("least(1, 0");
        for (int i = 0; i < SyntheticMarket.CATEGORIES.size(); i++) {
            category.append(" + sh").append(i).append(" * p").append(i);
        }
        category.append(")");
        String km = "CASE WHEN s.x IS NULL OR b.x IS NULL THEN NULL ELSE 2 * " + EARTH_RADIUS_KM
                + " * asin(sqrt(least(1, ((s.x - b.x) * (s.x - b.x) + (s.y - b.y) * (s.y - b.y) + (s.z - b.z) "
                + "* (s.z - b.z)) / 4))) END";
        // least and greatest skip NULLs in DuckDB, so unknown distances and prices are tested first
        String proximity = "(CASE WHEN km IS NULL THEN 0.5 ELSE greatest(0, 1 - km / 500) END)";
        String logistics = "(CASE WHEN km IS NULL OR pavg IS NULL THEN 0.5 ELSE 1 - least(1, (1 * km / units + 0) "
                + "/ pavg) END)";
        String success = "CASE type WHEN 0 THEN rate0 WHEN 1 THEN rate1 WHEN 2 THEN rate2 ELSE rate3 END";
        String volume = "CASE WHEN cap >= vmax THEN 1 WHEN cap >= vmin THEN 0.5 + 0.5 * (cap - vmin) / (vmax - vmin) "
                + "ELSE 0.5 * cap / vmin END";
        String quality = "((CASE WHEN reqn = 0 THEN 1 ELSE bit_count(req & certs) / reqn END) + (CASE WHEN rm < 0 THEN 1 "
                + "WHEN coalesce(CASE rm WHEN 0 THEN m0 WHEN 1 THEN m1 ELSE m2 END >= rmin, false) THEN 1 ELSE 0 END)) / 2";
        String narrower = "least(pmax - pmin, bmax - bmin)";
        String price = "CASE WHEN pmin IS NULL THEN 0.5 WHEN " + narrower + " <= 0 THEN (CASE WHEN pmax - pmin <= "
                + "bmax - bmin THEN (CASE WHEN pmin BETWEEN bmin AND bmax THEN 1 ELSE 0 END) ELSE (CASE WHEN bmin "
                + "BETWEEN pmin AND pmax THEN 1 ELSE 0 END) END) ELSE greatest(0, least(pmax, bmax) - greatest(pmin, "
                + "bmin)) / " + narrower + " END";
        return "SELECT s, b, category * " + w.get(PairFeature.CATEGORY_ALIGNMENT)
                + " + " + proximity + " * " + w.get(PairFeature.PROXIMITY)
                + " + " + logistics + " * " + w.get(PairFeature.LOGISTICS)
                + " + " + success + " * " + w.get(PairFeature.COLLABORATIVE_SUCCESS)
                + " + " + volume + " * " + w.get(PairFeature.VOLUME_COMPATIBILITY)
                + " + " + quality + " * " + w.get(PairFeature.QUALITY_FIT)
                + " + " + price + " * " + w.get(PairFeature.PRICE_OVERLAP)
                + " AS score FROM (SELECT s.s, b.b, s.*, b.*, " + category + " AS category, " + km
                + " AS km FROM shg s CROSS JOIN buyer b WHERE s.s < ?) WHERE category > 0 "
                + "QUALIFY row_number() OVER (PARTITION BY s ORDER BY score DESC, b) <= 10 ORDER BY s, score DESC, b";
    }

    private static Map<Integer, List<double[]>> duckTopK(Statement st, int groups) throws Exception {
        Map<Integer, List<double[]>> out = new HashMap<>();
        try (ResultSet rs = st.executeQuery(scoreSql().replace("?", Integer.toString(groups)))) {
            while (rs.next()) {
                out.computeIfAbsent(rs.getInt(1), k -> new ArrayList<>())
                        .add(new double[] {rs.getInt(2), rs.getDouble(3)});
            }
        }
        return out;
    }

    private static int compare(TopKTable ours, Map<Integer, List<double[]>> duck, int groups) {
        int differ = 0;
        for (int s = 0; s < groups; s++) {
            List<double[]> theirs = duck.getOrDefault(s, List.of());
            boolean same = theirs.size() == ours.count(s);
            for (int i = 0; same && i < theirs.size(); i++) {
                same = Math.abs(theirs.get(i)[1] - ours.score(s, i)) < 1e-9;
            }
            if (!same && differ == 0 && System.getProperty("debug") != null) {
                for (int i = 0; i < Math.max(theirs.size(), ours.count(s)); i++) {
                    System.out.printf("group %d rank %d ours %s theirs %s%n", s, i,
                            i < ours.count(s) ? ours.id(s, i) + "=" + ours.score(s, i) : "-",
                            i < theirs.size() ? (int) theirs.get(i)[0] + "=" + theirs.get(i)[1] : "-");
                }
            }
            differ += same ? 0 : 1;
        }
        return differ;
    }
}
