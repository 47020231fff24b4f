package org.marketlink.matching.features;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * The behavioural features of a (buyer, item) pair, as of the end of an {@link InteractionWindow}, for ranking the
 * buyers likely to buy an item next. With {@code T} the window's last day, {@code d(b, j)} the recency-weighted count
 * {@code Σ 2^(-(T - day) / repeatHalfLife)} over the events of buyer {@code b} with item {@code j}, and
 * {@code w(b, j) = d(b, j) / (1 + d(b, j))} (0 when {@code b} never bought {@code j}):
 * <ol>
 *   <li>{@code repeat} = {@code ln(1 + d(b, q))}: recency-weighted repeat purchase of the query item {@code q};</li>
 *   <li>{@code item_knn} = {@code ln(1 + Σ_r s(q, n_r) · w(b, n_r))} over the item's kept neighbours
 *       {@code n_r} in {@link ItemSimilarity}: how much the buyer bought what the buyers of {@code q} buy;</li>
 *   <li>{@code activity} = {@code ln(1 + Σ 2^(-(T - day) / activityHalfLife))} over all of the buyer's events: a rate,
 *       so it has the same scale whatever the window's length;</li>
 *   <li>{@code buyer_recency} = {@code 2^(-(T - last day of the buyer) / activityHalfLife)}, 0 for a buyer with no
 *       event;</li>
 *   <li>{@code breadth} = {@code ln(1 + items the buyer bought, recency-weighted: Σ_j w(b, j))};</li>
 *   <li>{@code visits} = {@code ln(1 + Σ 2^(-(T - d) / activityHalfLife))} over the distinct days {@code d} on which the
 *       buyer bought anything: how often it orders, where {@code activity} counts the lines of its orders (one large
 *       order of many lines and many small orders differ here, and the frequent orderer is the likelier next buyer of
 *       a given item);</li>
 *   <li>{@code category} = {@code ln(1 + Σ w(b, j))} over the other items {@code j ≠ q} of {@code q}'s category:
 *       the buyer's taste for the family (only when categories are given);</li>
 *   <li>{@code factors} = the {@link ImplicitFactors} dot product (only when factors are asked for).</li>
 * </ol>
 * Every feature is defined for a buyer or item with no history (it is then 0).
 *
 * <p>Immutable and thread-safe; a {@link Query} is the per-thread scratch space for filling feature rows.
 */
public final class CollaborativeFeatures {
    /** The feature names, in column order, without {@code factors}. */
    public static final List<String> BASE_NAMES = List.of("repeat", "item_knn", "activity", "buyer_recency",
            "breadth", "visits");

    /**
     * @param repeatHalfLifeDays   the half-life of a purchase in {@code repeat}, {@code item_knn} and {@code breadth}
     * @param activityHalfLifeDays the half-life in {@code activity}, {@code buyer_recency} and {@code visits}
     * @param similarity           how item neighbours are found
     * @param factors              the embedding, or null for none (no {@code factors} column)
     */
    public record Options(double repeatHalfLifeDays, double activityHalfLifeDays, ItemSimilarity.Options similarity,
                          ImplicitFactors.Options factors) {
        /** Checks every value; the message names the one out of range. */
        public Options {
            if (!(repeatHalfLifeDays > 0) || !(activityHalfLifeDays > 0)) {
                throw new IllegalArgumentException("half-lives must be positive numbers of days, were "
                        + repeatHalfLifeDays + ", " + activityHalfLifeDays);
            }
            if (similarity == null) {
                throw new IllegalArgumentException("similarity must not be null");
            }
        }

        /** Half-lives of 60 and 30 days, default similarity, no factors. */
        public static Options defaults() {
            return new Options(60, 30, ItemSimilarity.Options.defaults(), null);
        }

        /** The same with another repeat half-life. */
        public Options withRepeatHalfLife(double days) {
            return new Options(days, activityHalfLifeDays, similarity, factors);
        }

        /** The same with another activity half-life. */
        public Options withActivityHalfLife(double days) {
            return new Options(repeatHalfLifeDays, days, similarity, factors);
        }

        /** The same with other similarity options. */
        public Options withSimilarity(ItemSimilarity.Options s) {
            return new Options(repeatHalfLifeDays, activityHalfLifeDays, s, factors);
        }

        /** The same with an embedding (null: none). */
        public Options withFactors(ImplicitFactors.Options f) {
            return new Options(repeatHalfLifeDays, activityHalfLifeDays, similarity, f);
        }
    }

    private final InteractionWindow window;
    private final ItemSimilarity similarity;
    private final ImplicitFactors factors;
    private final List<String> names;
    private final double[] pairRepeat;
    private final double[] pairWeight;
    private final double[] activity;
    private final double[] recency;
    private final double[] breadth;
    private final double[] visits;
    /** The item's category, or null without categories; the buyer's weight per category in CSR rows. */
    private final int[] itemCategory;
    private final int[] categoryStart;
    private final int[] categoryOf;
    private final double[] categoryWeight;

    private CollaborativeFeatures(InteractionWindow window, ItemSimilarity similarity, ImplicitFactors factors,
                                  double[] pairRepeat, double[] pairWeight, double[] activity, double[] recency,
                                  double[] breadth, double[] visits, int[] itemCategory, int[] categoryStart,
                                  int[] categoryOf, double[] categoryWeight) {
        this.window = window;
        this.similarity = similarity;
        this.factors = factors;
        this.pairRepeat = pairRepeat;
        this.pairWeight = pairWeight;
        this.activity = activity;
        this.recency = recency;
        this.breadth = breadth;
        this.visits = visits;
        this.itemCategory = itemCategory;
        this.categoryStart = categoryStart;
        this.categoryOf = categoryOf;
        this.categoryWeight = categoryWeight;
        List<String> all = new ArrayList<>(BASE_NAMES);
        if (itemCategory != null) {
            all.add("category");
        }
        if (factors != null) {
            all.add("factors");
        }
        this.names = List.copyOf(all);
    }

    /** Builds the features of {@code window} on the common fork-join pool. */
    public static CollaborativeFeatures build(InteractionWindow window, Options options) {
        return build(window, options, null);
    }

    /** Builds the features of {@code window} on the host's {@code executor} (null: the common fork-join pool). */
    public static CollaborativeFeatures build(InteractionWindow window, Options options, Executor executor) {
        return build(window, options, null, executor);
    }

    /**
     * Builds the features of {@code window} with a {@code category} column, on the host's {@code executor} (null: the
     * common fork-join pool).
     *
     * @param itemCategory each item's category ({@code ≥ 0}; the product family, the SHG's main product category), or
     *                     null for no {@code category} column
     */
    public static CollaborativeFeatures build(InteractionWindow window, Options options, int[] itemCategory,
                                              Executor executor) {
        if (itemCategory != null && itemCategory.length != window.items()) {
            throw new IllegalArgumentException("itemCategory has " + itemCategory.length + " entries for "
                    + window.items() + " items");
        }
        ItemSimilarity similarity = ItemSimilarity.of(window, options.similarity(), executor);
        ImplicitFactors factors = options.factors() == null ? null
                : ImplicitFactors.fit(window, options.factors(), executor);
        double[] repeat = window.decayedPairCounts(options.repeatHalfLifeDays());
        double[] weight = new double[repeat.length];
        double[] logRepeat = new double[repeat.length];
        for (int p = 0; p < repeat.length; p++) {
            weight[p] = repeat[p] / (1 + repeat[p]);
            logRepeat[p] = Math.log1p(repeat[p]);
        }
        int buyers = window.buyers();
        double[] activity = new double[buyers];
        double[] recency = new double[buyers];
        double[] breadth = new double[buyers];
        double[] visits = new double[buyers];
        int[] days = new int[64];
        int[] buyerStart = window.buyerStart();
        int[] buyerPairs = window.buyerPairs();
        int[] eventStart = window.eventStart();
        int[] eventDay = window.eventDay();
        double rate = Math.log(2) / options.activityHalfLifeDays();
        int end = window.toDay();
        for (int b = 0; b < buyers; b++) {
            double a = 0;
            double w = 0;
            int last = Integer.MIN_VALUE;
            int n = 0;
            for (int q = buyerStart[b]; q < buyerStart[b + 1]; q++) {
                int p = buyerPairs[q];
                w += weight[p];
                if (n + eventStart[p + 1] - eventStart[p] > days.length) {
                    days = Arrays.copyOf(days, Math.max(2 * days.length, n + eventStart[p + 1] - eventStart[p]));
                }
                for (int e = eventStart[p]; e < eventStart[p + 1]; e++) {
                    a += Math.exp(-(end - eventDay[e]) * rate);
                    last = Math.max(last, eventDay[e]);
                    days[n++] = eventDay[e];
                }
            }
            // each distinct day once: sort the buyer's event days and count a day where it differs from the previous
            Arrays.sort(days, 0, n);
            double v = 0;
            for (int i = 0; i < n; i++) {
                if (i == 0 || days[i] != days[i - 1]) {
                    v += Math.exp(-(end - days[i]) * rate);
                }
            }
            visits[b] = Math.log1p(v);
            activity[b] = Math.log1p(a);
            recency[b] = last == Integer.MIN_VALUE ? 0 : Math.exp(-(end - last) * rate);
            breadth[b] = Math.log1p(w);
        }
        if (itemCategory == null) {
            return new CollaborativeFeatures(window, similarity, factors, logRepeat, weight, activity, recency, breadth,
                    visits, null, null, null, null);
        }
        int categories = 0;
        for (int j = 0; j < itemCategory.length; j++) {
            if (itemCategory[j] < 0) {
                throw new IllegalArgumentException("item " + j + ": category " + itemCategory[j] + " is negative");
            }
            categories = Math.max(categories, itemCategory[j] + 1);
        }
        // each buyer's recency-weighted purchases per category, as sorted (category, weight) rows
        int[] pairItem = window.pairItem();
        double[] sum = new double[categories];
        boolean[] marked = new boolean[categories];
        int[] touched = new int[categories];
        int[] categoryStart = new int[buyers + 1];
        int[] categoryOf = new int[window.pairs()];
        double[] categoryWeight = new double[window.pairs()];
        int at = 0;
        for (int b = 0; b < buyers; b++) {
            int n = 0;
            for (int q = buyerStart[b]; q < buyerStart[b + 1]; q++) {
                int p = buyerPairs[q];
                int cat = itemCategory[pairItem[p]];
                if (!marked[cat]) {
                    marked[cat] = true;
                    touched[n++] = cat;
                }
                sum[cat] += weight[p];
            }
            Arrays.sort(touched, 0, n);
            for (int t = 0; t < n; t++) {
                categoryOf[at] = touched[t];
                categoryWeight[at++] = sum[touched[t]];
                sum[touched[t]] = 0;
                marked[touched[t]] = false;
            }
            categoryStart[b + 1] = at;
        }
        return new CollaborativeFeatures(window, similarity, factors, logRepeat, weight, activity, recency, breadth,
                visits, itemCategory.clone(), categoryStart, categoryOf, categoryWeight);
    }

    /** The column names, in order. */
    public List<String> names() {
        return names;
    }

    /** The number of columns. */
    public int width() {
        return names.size();
    }

    /** The window the features are computed on. */
    public InteractionWindow window() {
        return window;
    }

    /** The item neighbours behind {@code item_knn}. */
    public ItemSimilarity similarity() {
        return similarity;
    }

    /** A new scratch space for filling rows; not thread-safe, one per thread. */
    public Query newQuery() {
        return new Query();
    }

    /** Dense per-buyer scratch for one query item at a time; reused across queries without clearing the arrays. */
    public final class Query {
        private final double[] knn = new double[window.buyers()];
        private final double[] repeat = new double[window.buyers()];
        private final double[] own = new double[window.buyers()];
        private final int[] touched = new int[window.buyers()];
        private final boolean[] seen = new boolean[window.buyers()];

        private Query() {
        }

        /**
         * The collaborative candidates of {@code item}: the buyers that bought it or one of its kept neighbours in the
         * window, sorted. Every other buyer has {@code repeat} and {@code item_knn} of 0 for this item, so a two-stage
         * ranker can score these exactly and reach the rest only through the columns that do not need the item's
         * buyers ({@code activity}, {@code buyer_recency}, {@code breadth}, {@code category}, {@code factors}).
         */
        public int[] reach(int item) {
            int n = 0;
            int[] itemStart = window.itemStart();
            int[] pairBuyer = window.pairBuyer();
            for (int r = -1, count = similarity.neighbourCount(item); r < count; r++) {
                int j = r < 0 ? item : similarity.neighbour(item, r);
                for (int p = itemStart[j]; p < itemStart[j + 1]; p++) {
                    int b = pairBuyer[p];
                    if (!seen[b]) {
                        seen[b] = true;
                        touched[n++] = b;
                    }
                }
            }
            int[] out = Arrays.copyOf(touched, n);
            for (int t = 0; t < n; t++) {
                seen[touched[t]] = false;
            }
            Arrays.sort(out);
            return out;
        }

        /**
         * Writes the features of {@code (candidates[c], item)} into {@code out[c * width() .. (c + 1) * width() - 1]}
         * for every candidate.
         */
        public void fill(int item, int[] candidates, double[] out) {
            int width = names.size();
            if (out.length < (long) candidates.length * width) {
                throw new IllegalArgumentException("out holds " + out.length + " values, needs "
                        + (long) candidates.length * width);
            }
            int n = 0;
            int[] itemStart = window.itemStart();
            int[] pairBuyer = window.pairBuyer();
            for (int r = 0, count = similarity.neighbourCount(item); r < count; r++) {
                int j = similarity.neighbour(item, r);
                double s = similarity.similarity(item, r);
                for (int p = itemStart[j]; p < itemStart[j + 1]; p++) {
                    int b = pairBuyer[p];
                    if (!seen[b]) {
                        seen[b] = true;
                        touched[n++] = b;
                    }
                    knn[b] += s * pairWeight[p];
                }
            }
            for (int p = itemStart[item]; p < itemStart[item + 1]; p++) {
                int b = pairBuyer[p];
                if (!seen[b]) {
                    seen[b] = true;
                    touched[n++] = b;
                }
                repeat[b] = pairRepeat[p];
                own[b] = pairWeight[p];
            }
            int category = itemCategory == null ? -1 : itemCategory[item];
            int next = BASE_NAMES.size();
            for (int c = 0; c < candidates.length; c++) {
                int b = candidates[c];
                int o = c * width;
                out[o] = repeat[b];
                out[o + 1] = Math.log1p(knn[b]);
                out[o + 2] = activity[b];
                out[o + 3] = recency[b];
                out[o + 4] = breadth[b];
                out[o + 5] = visits[b];
                if (category >= 0) {
                    int found = Arrays.binarySearch(categoryOf, categoryStart[b], categoryStart[b + 1], category);
                    double inCategory = found < 0 ? 0 : categoryWeight[found] - own[b];
                    out[o + next] = Math.log1p(Math.max(0, inCategory));
                }
                if (factors != null) {
                    out[o + width - 1] = factors.score(b, item);
                }
            }
            for (int t = 0; t < n; t++) {
                int b = touched[t];
                knn[b] = 0;
                repeat[b] = 0;
                own[b] = 0;
                seen[b] = false;
            }
        }
    }
}
