package org.marketlink.ml.matching;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.marketlink.matching.evaluation.NegativeSampler;
import org.marketlink.matching.evaluation.RankingMetrics;
import org.marketlink.matching.retrieval.TopK;
import org.marketlink.testing.OnlineRetailPurchases;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ranking task on real data: in the UCI Online Retail file, customers are the buyers and stock codes the
 * products. Train on December 2010 to June 2011 and rank, for each product, the customers who buy it in July to
 * September 2011. The learned scorer (logistic regression on six interaction features) is compared with the popularity
 * baseline (the most active customers first, the same list for every product).
 *
 * <p>Training needs labels from before July, so the model learns on features of December–March with labels from
 * April–June (positives: customers who bought the product then; negatives: 1:4, sampled without known positives), and
 * is then applied to features of December–June to rank July–September.
 */
class OnlineRetailRankingTest {
    static final List<String> FEATURES = List.of("log_times_bought", "log_customer_products", "log_product_customers",
            "customer_recency", "pair_recency", "log_family_purchases");
    static List<Line> lines;

    record Line(String stockCode, int customer, LocalDate day) {
    }

    @BeforeAll
    static void read() throws Exception {
        lines = new ArrayList<>();
        for (OnlineRetailPurchases.Purchase p : OnlineRetailPurchases.read()) {
            lines.add(new Line(p.stockCode(), (int) Double.parseDouble(p.customer()), p.day()));
        }
    }

    /** Counts over one window of history, the features of a (product, customer) pair at the window's end. */
    static final class Window {
        final LocalDate end;
        final Map<Long, Integer> pairCount = new HashMap<>();
        final Map<Long, LocalDate> pairLast = new HashMap<>();
        final Map<Integer, Set<String>> customerProducts = new HashMap<>();
        final Map<Integer, LocalDate> customerLast = new HashMap<>();
        final Map<String, Set<Integer>> productCustomers = new HashMap<>();
        final Map<Long, Integer> familyCount = new HashMap<>(); // customer x first three digits of the stock code
        final Map<String, Integer> codes = new HashMap<>();

        Window(LocalDate from, LocalDate end) {
            this.end = end;
            for (Line l : lines) {
                if (l.day().isBefore(from) || l.day().isAfter(end)) {
                    continue;
                }
                long key = key(l.stockCode(), l.customer());
                pairCount.merge(key, 1, Integer::sum);
                pairLast.merge(key, l.day(), (a, b) -> a.isAfter(b) ? a : b);
                customerProducts.computeIfAbsent(l.customer(), k -> new HashSet<>()).add(l.stockCode());
                customerLast.merge(l.customer(), l.day(), (a, b) -> a.isAfter(b) ? a : b);
                productCustomers.computeIfAbsent(l.stockCode(), k -> new HashSet<>()).add(l.customer());
                familyCount.merge(familyKey(l.stockCode(), l.customer()), 1, Integer::sum);
            }
        }

        long key(String code, int customer) {
            int id = codes.computeIfAbsent(code, k -> codes.size());
            return ((long) id << 32) | customer;
        }

        static long familyKey(String code, int customer) {
            return ((long) Integer.parseInt(code.substring(0, 3)) << 32) | customer;
        }

        double[] features(String code, int customer) {
            long key = key(code, customer);
            LocalDate last = customerLast.get(customer);
            LocalDate pairDay = pairLast.get(key);
            return new double[] {
                    Math.log1p(pairCount.getOrDefault(key, 0)),
                    Math.log1p(customerProducts.getOrDefault(customer, Set.of()).size()),
                    Math.log1p(productCustomers.getOrDefault(code, Set.of()).size()),
                    last == null ? 0 : Math.exp(-ChronoUnit.DAYS.between(last, end) / 30.0),
                    pairDay == null ? 0 : Math.exp(-ChronoUnit.DAYS.between(pairDay, end) / 60.0),
                    Math.log1p(familyCount.getOrDefault(familyKey(code, customer), 0))};
        }
    }

    static Map<String, Set<Integer>> buyersBetween(LocalDate from, LocalDate to, Set<Integer> known) {
        Map<String, Set<Integer>> out = new HashMap<>();
        for (Line l : lines) {
            if (!l.day().isBefore(from) && !l.day().isAfter(to) && known.contains(l.customer())) {
                out.computeIfAbsent(l.stockCode(), k -> new HashSet<>()).add(l.customer());
            }
        }
        return out;
    }

    @Test
    void theLearnedScorerRanksFutureBuyersBetterThanPopularity() {
        // training examples: features of Dec–Mar, outcomes of Apr–Jun
        Window early = new Window(LocalDate.of(2010, 12, 1), LocalDate.of(2011, 3, 31));
        List<Integer> earlyCustomers = new ArrayList<>(early.customerProducts.keySet());
        earlyCustomers.sort(null);
        Map<String, Set<Integer>> aprJun = buyersBetween(LocalDate.of(2011, 4, 1), LocalDate.of(2011, 6, 30),
                new HashSet<>(earlyCustomers));
        Map<Integer, Integer> customerIndex = new HashMap<>();
        for (int i = 0; i < earlyCustomers.size(); i++) {
            customerIndex.put(earlyCustomers.get(i), i);
        }
        NegativeSampler sampler = new NegativeSampler(earlyCustomers.size(), 4, 2011);
        List<double[]> x = new ArrayList<>();
        List<Integer> y = new ArrayList<>();
        List<String> products = new ArrayList<>(aprJun.keySet());
        products.sort(null);
        for (String code : products) {
            Set<Integer> positives = new HashSet<>();
            for (int c : aprJun.get(code)) {
                positives.add(customerIndex.get(c));
                x.add(early.features(code, c));
                y.add(1);
            }
            for (int negative : sampler.sample(positives)) {
                assertThat(positives).doesNotContain(negative);
                x.add(early.features(code, earlyCustomers.get(negative)));
                y.add(0);
            }
        }
        LearnedScorer scorer = LearnedScorer.train(FEATURES, x.toArray(double[][]::new),
                y.stream().mapToInt(Integer::intValue).toArray(), LearnedScorer.Options.logisticRegression());

        // evaluation: features of Dec–Jun, rank each product's Jul–Sep buyers among every customer seen by June
        Window history = new Window(LocalDate.of(2010, 12, 1), LocalDate.of(2011, 6, 30));
        List<Integer> customers = new ArrayList<>(history.customerProducts.keySet());
        customers.sort(null);
        Map<String, Set<Integer>> julSep = buyersBetween(LocalDate.of(2011, 7, 1), LocalDate.of(2011, 9, 30),
                new HashSet<>(customers));
        List<Integer> popular = new ArrayList<>(customers);
        popular.sort((a, b) -> Integer.compare(history.customerProducts.get(b).size(),
                history.customerProducts.get(a).size()));
        List<Integer> top10Popular = popular.subList(0, 10);
        List<Double> learnedNdcg = new ArrayList<>();
        List<Double> popularNdcg = new ArrayList<>();
        List<Double> learnedMap = new ArrayList<>();
        List<Double> learnedRecall = new ArrayList<>();
        double[][] batch = new double[customers.size()][];
        for (Map.Entry<String, Set<Integer>> e : julSep.entrySet()) {
            String code = e.getKey();
            for (int i = 0; i < customers.size(); i++) {
                batch[i] = history.features(code, customers.get(i));
            }
            double[] scores = scorer.scoreAll(batch);
            List<Integer> ranked = topTen(customers, scores);
            learnedNdcg.add(RankingMetrics.ndcgAtK(ranked, e.getValue(), 10));
            learnedMap.add(RankingMetrics.averagePrecisionAtK(ranked, e.getValue(), 10));
            learnedRecall.add(RankingMetrics.recallAtK(ranked, e.getValue(), 10));
            popularNdcg.add(RankingMetrics.ndcgAtK(top10Popular, e.getValue(), 10));
        }
        double learned = RankingMetrics.mean(learnedNdcg);
        double baseline = RankingMetrics.mean(popularNdcg);
        System.out.printf("Online Retail, %d products with Jul-Sep buyers among %d customers (trained on %d examples): "
                        + "NDCG@10 learned %.4f, popularity %.4f; learned MAP@10 %.4f, recall@10 %.4f%n",
                julSep.size(), customers.size(), x.size(), learned, baseline, RankingMetrics.mean(learnedMap),
                RankingMetrics.mean(learnedRecall));
        assertThat(julSep.size()).isGreaterThan(1000);
        // measured: learned 0.306, popularity 0.215 (gradient boosting, 100 trees: 0.304, three times slower)
        assertThat(learned).isGreaterThan(baseline * 1.3);
    }

    private static List<Integer> topTen(List<Integer> customers, double[] scores) {
        TopK heap = new TopK(10);
        for (int i = 0; i < scores.length; i++) {
            heap.offer(i, scores[i]);
        }
        int[] ids = new int[10];
        double[] s = new double[10];
        int n = heap.drainBestFirst(ids, s, 0);
        List<Integer> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(customers.get(ids[i]));
        }
        return out;
    }
}
