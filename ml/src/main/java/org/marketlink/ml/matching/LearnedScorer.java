package org.marketlink.ml.matching;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.marketlink.matching.scoring.Explanation;
import org.marketlink.matching.scoring.PairScorer;
import org.marketlink.matching.scoring.ShapleyValues;
import smile.classification.GradientTreeBoost;
import smile.classification.LogisticRegression;
import smile.classification.PlattScaling;
import smile.data.DataFrame;
import smile.data.formula.Formula;
import smile.data.vector.IntVector;
import smile.math.MathEx;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A scorer learned from past outcomes: Smile 2.6.0 logistic regression or gradient-boosted trees on the feature
 * vectors, with Platt scaling fitted on a held-out share of the data so that a score of 0.3 means about a 30% chance of
 * a good outcome. Explanations are Shapley values of the model's log-odds against the training mean.
 *
 * <p>A trained scorer saves to a stream with a header naming the format version and the feature list; loading checks
 * both, so a model trained on other features fails with both lists instead of scoring nonsense. Immutable and
 * thread-safe.
 */
public final class LearnedScorer implements PairScorer {
    /** The version of the saved form this class writes and reads. */
    public static final int FORMAT_VERSION = 1;
    private static final String MAGIC = "MARKETLINK-LEARNED-SCORER";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LABEL = "label__";

    /** The learning algorithm. */
    public enum Algorithm {
        /** L2-regularised logistic regression. */
        LOGISTIC_REGRESSION,
        /** Gradient-boosted trees. */
        GRADIENT_BOOSTING
    }

    /**
     * How to train.
     *
     * @param algorithm        logistic regression or gradient boosting
     * @param lambda           L2 penalty of logistic regression, ≥ 0
     * @param trees            boosting iterations, ≥ 1
     * @param maxDepth         deepest tree, ≥ 2
     * @param maxNodes         most leaves per tree, ≥ 2
     * @param nodeSize         fewest rows in a leaf, ≥ 1
     * @param shrinkage        learning rate of boosting, in (0, 1]
     * @param subsample        share of rows each tree sees, in (0, 1]
     * @param calibrationShare share of each class held out to fit the calibration, in (0, 0.5]
     * @param seed             seed of the split (and of Smile's sampling), for repeatable training
     */
    public record Options(Algorithm algorithm, double lambda, int trees, int maxDepth, int maxNodes, int nodeSize,
                          double shrinkage, double subsample, double calibrationShare, long seed) {
        /** Checks each component; the algorithm must be given. */
        public Options {
            if (algorithm == null) {
                throw new IllegalArgumentException("algorithm must not be null");
            }
            check("lambda", lambda, lambda >= 0 && Double.isFinite(lambda));
            check("trees", trees, trees >= 1);
            check("maxDepth", maxDepth, maxDepth >= 2);
            check("maxNodes", maxNodes, maxNodes >= 2);
            check("nodeSize", nodeSize, nodeSize >= 1);
            check("shrinkage", shrinkage, shrinkage > 0 && shrinkage <= 1);
            check("subsample", subsample, subsample > 0 && subsample <= 1);
            check("calibrationShare", calibrationShare, calibrationShare > 0 && calibrationShare <= 0.5);
        }

        /** Logistic regression with a light L2 penalty (0.1), 20% held out for calibration. */
        public static Options logisticRegression() {
            return new Options(Algorithm.LOGISTIC_REGRESSION, 0.1, 200, 4, 16, 5, 0.1, 0.8, 0.2, 42);
        }

        /** 200 trees of depth ≤ 4 (≤ 16 leaves, ≥ 5 rows each), learning rate 0.1, 80% subsample. */
        public static Options gradientBoosting() {
            return new Options(Algorithm.GRADIENT_BOOSTING, 0.1, 200, 4, 16, 5, 0.1, 0.8, 0.2, 42);
        }

        /** These options with {@code n} boosting rounds. */
        public Options withTrees(int n) {
            return new Options(algorithm, lambda, n, maxDepth, maxNodes, nodeSize, shrinkage, subsample,
                    calibrationShare, seed);
        }

        /** These options with random seed {@code s} (subsampling and the calibration split). */
        public Options withSeed(long s) {
            return new Options(algorithm, lambda, trees, maxDepth, maxNodes, nodeSize, shrinkage, subsample,
                    calibrationShare, s);
        }

        private static void check(String name, Object value, boolean ok) {
            if (!ok) {
                throw new IllegalArgumentException(name + " is out of range: " + value);
            }
        }
    }

    /**
     * What a saved model says about itself.
     *
     * @param formatVersion the saved form's version
     * @param algorithm     how it was trained
     * @param features      the features it expects, in order
     * @param trainingRows  rows it was trained and calibrated on
     * @param positives     of which positive
     */
    public record ModelInfo(int formatVersion, Algorithm algorithm, List<String> features, int trainingRows,
                            int positives) {
        /** Copies the feature list. */
        public ModelInfo {
            features = List.copyOf(features);
        }
    }

    /** What is serialized after the header: the Smile model, the calibration and the reference point. */
    private record Payload(Serializable model, PlattScaling calibration, double[] reference) implements Serializable {
    }

    private final ModelInfo info;
    private final Payload payload;

    private LearnedScorer(ModelInfo info, Payload payload) {
        this.info = info;
        this.payload = payload;
    }

    /**
     * Trains a scorer.
     *
     * @param features names of the columns of {@code x}
     * @param x        one row per example, finite numbers
     * @param y        1 for a good outcome, 0 for a bad one
     * @throws IllegalArgumentException when shapes disagree, a value is not finite, a label is not 0 or 1, or either
     *                                  class has fewer than 2 examples
     */
    public static LearnedScorer train(List<String> features, double[][] x, int[] y, Options options) {
        if (features == null || x == null || y == null || options == null) {
            throw new IllegalArgumentException("features, x, y and options must not be null");
        }
        if (x.length != y.length) {
            throw new IllegalArgumentException("x has " + x.length + " rows but y has " + y.length);
        }
        int positives = 0;
        for (int i = 0; i < x.length; i++) {
            if (x[i].length != features.size()) {
                throw new IllegalArgumentException("row " + i + " has " + x[i].length + " values, expected "
                        + features.size() + " " + features);
            }
            for (int j = 0; j < x[i].length; j++) {
                if (!Double.isFinite(x[i][j])) {
                    throw new IllegalArgumentException("row " + i + ", feature " + features.get(j)
                            + ": value must be finite, was " + x[i][j]);
                }
            }
            if (y[i] != 0 && y[i] != 1) {
                throw new IllegalArgumentException("row " + i + ": label must be 0 or 1, was " + y[i]);
            }
            positives += y[i];
        }
        if (positives < 2 || x.length - positives < 2) {
            throw new IllegalArgumentException("need at least 2 examples of each outcome, got " + positives
                    + " positive and " + (x.length - positives) + " negative");
        }
        // stratified split: every class is represented in both the fitting and the calibration part
        Random random = new Random(options.seed());
        List<Integer> fit = new ArrayList<>();
        List<Integer> calibrate = new ArrayList<>();
        for (int label = 0; label <= 1; label++) {
            List<Integer> rows = new ArrayList<>();
            for (int i = 0; i < y.length; i++) {
                if (y[i] == label) {
                    rows.add(i);
                }
            }
            Collections.shuffle(rows, random);
            int held = Math.max(1, (int) Math.round(rows.size() * options.calibrationShare()));
            calibrate.addAll(rows.subList(0, held));
            fit.addAll(rows.subList(held, rows.size()));
        }
        double[][] fx = fit.stream().map(i -> x[i]).toArray(double[][]::new);
        int[] fy = fit.stream().mapToInt(i -> y[i]).toArray();
        double[] reference = new double[features.size()];
        for (double[] row : x) {
            for (int j = 0; j < reference.length; j++) {
                reference[j] += row[j] / x.length;
            }
        }
        ModelInfo info = new ModelInfo(FORMAT_VERSION, options.algorithm(), features, x.length, positives);
        Serializable model = switch (options.algorithm()) {
            case LOGISTIC_REGRESSION -> LogisticRegression.binomial(fx, fy, options.lambda(), 1e-6, 500);
            case GRADIENT_BOOSTING -> {
                MathEx.setSeed(options.seed());
                yield GradientTreeBoost.fit(Formula.lhs(LABEL), frame(features, fx, fy), options.trees(),
                        options.maxDepth(), options.maxNodes(), options.nodeSize(), options.shrinkage(),
                        options.subsample());
            }
        };
        LearnedScorer uncalibrated = new LearnedScorer(info, new Payload(model, null, reference));
        double[] margins = calibrate.stream().mapToDouble(i -> uncalibrated.margin(x[i])).toArray();
        int[] labels = calibrate.stream().mapToInt(i -> y[i]).toArray();
        return new LearnedScorer(info, new Payload(model, PlattScaling.fit(margins, labels), reference));
    }

    /** What the model was trained on: format, algorithm, features and training counts. */
    public ModelInfo info() {
        return info;
    }

    @Override
    public List<String> featureNames() {
        return info.features();
    }

    /** The calibrated probability of a good outcome. */
    @Override
    public double score(double[] features) {
        checkLength(features);
        return payload.calibration().scale(margin(features));
    }

    /** Scores many vectors at once (gradient boosting builds one data frame for all of them). */
    public double[] scoreAll(double[][] features) {
        for (double[] f : features) {
            checkLength(f);
        }
        double[] out = new double[features.length];
        if (payload.model() instanceof GradientTreeBoost gbm) {
            DataFrame frame = frame(info.features(), features, new int[features.length]);
            double[] posterior = new double[2];
            for (int i = 0; i < out.length; i++) {
                gbm.predict(frame.get(i), posterior);
                out[i] = payload.calibration().scale(logit(posterior[1]));
            }
        } else {
            for (int i = 0; i < out.length; i++) {
                out[i] = payload.calibration().scale(margin(features[i]));
            }
        }
        return out;
    }

    /**
     * The calibrated score with each feature's Shapley contribution to the model's log-odds, against the mean of the
     * training data: {@code base} is the log-odds at that mean, and base plus contributions is the log-odds here.
     */
    @Override
    public Explanation explain(double[] features) {
        checkLength(features);
        double[] phi = ShapleyValues.of(this::margin, features, payload.reference(), 0);
        List<Explanation.Contribution> parts = new ArrayList<>(phi.length);
        for (int i = 0; i < phi.length; i++) {
            parts.add(new Explanation.Contribution(info.features().get(i), features[i], phi[i]));
        }
        return new Explanation(score(features), "log-odds", margin(payload.reference()), parts);
    }

    /** The model's log-odds before calibration. */
    double margin(double[] features) {
        if (payload.model() instanceof LogisticRegression.Binomial lr) {
            double[] w = lr.coefficients(); // intercept last
            double m = w[w.length - 1];
            for (int i = 0; i < features.length; i++) {
                m += w[i] * features[i];
            }
            return m;
        }
        GradientTreeBoost gbm = (GradientTreeBoost) payload.model();
        double[] posterior = new double[2];
        gbm.predict(frame(info.features(), new double[][] {features}, new int[1]).get(0), posterior);
        return logit(posterior[1]);
    }

    /** Writes the header (format version, algorithm, features) and the model. */
    public void save(OutputStream out) {
        try {
            DataOutputStream data = new DataOutputStream(out);
            data.writeUTF(MAGIC);
            Map<String, Object> header = new LinkedHashMap<>();
            header.put("format_version", FORMAT_VERSION);
            header.put("algorithm", info.algorithm().name());
            header.put("features", info.features());
            header.put("training_rows", info.trainingRows());
            header.put("positives", info.positives());
            header.put("smile_version", "2.6.0");
            data.writeUTF(JSON.writeValueAsString(header));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream objects = new ObjectOutputStream(bytes)) {
                objects.writeObject(payload);
            }
            data.writeInt(bytes.size());
            bytes.writeTo(data);
            data.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("could not save the learned scorer", e);
        }
    }

    /**
     * Reads a saved scorer and checks it computes on {@code expectedFeatures}.
     *
     * @throws IllegalStateException when the stream is not a saved scorer, was written in a newer format, or was
     *                               trained on other features (the message lists both)
     */
    public static LearnedScorer load(InputStream in, List<String> expectedFeatures) {
        try {
            DataInputStream data = new DataInputStream(in);
            String magic;
            try {
                magic = data.readUTF();
            } catch (IOException e) {
                throw new IllegalStateException("not a saved MarketLink learned scorer (no header)", e);
            }
            if (!MAGIC.equals(magic)) {
                throw new IllegalStateException("not a saved MarketLink learned scorer (header '" + magic + "')");
            }
            Map<?, ?> header = JSON.readValue(data.readUTF(), Map.class);
            int version = ((Number) header.get("format_version")).intValue();
            if (version > FORMAT_VERSION) {
                throw new IllegalStateException("the scorer was saved in format " + version
                        + " by a newer MarketLink; this version reads format " + FORMAT_VERSION + " and older");
            }
            List<String> features = ((List<?>) header.get("features")).stream().map(Object::toString).toList();
            if (expectedFeatures != null && !features.equals(expectedFeatures)) {
                throw new IllegalStateException("the scorer was trained on features " + features
                        + " but the caller computes " + expectedFeatures + "; retrain it on the current features");
            }
            byte[] bytes = new byte[data.readInt()];
            data.readFully(bytes);
            Payload payload;
            try (ObjectInputStream objects = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
                objects.setObjectInputFilter(LearnedScorer::allowed);
                payload = (Payload) objects.readObject();
            } catch (ClassNotFoundException | InvalidClassException e) {
                throw new IllegalStateException("the saved model could not be read with this Smile version: " + e, e);
            }
            ModelInfo info = new ModelInfo(version, Algorithm.valueOf(header.get("algorithm").toString()), features,
                    ((Number) header.get("training_rows")).intValue(), ((Number) header.get("positives")).intValue());
            return new LearnedScorer(info, payload);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the learned scorer", e);
        }
    }

    // only the classes a saved scorer is made of may be deserialized
    private static ObjectInputFilter.Status allowed(ObjectInputFilter.FilterInfo info) {
        Class<?> type = info.serialClass();
        if (type == null) {
            return ObjectInputFilter.Status.UNDECIDED;
        }
        while (type.isArray()) {
            type = type.getComponentType();
        }
        String name = type.getName();
        boolean ok = type.isPrimitive() || name.startsWith("smile.") || name.startsWith("java.lang.")
                || name.startsWith("java.util.") || name.startsWith("java.math.")
                || name.equals(Payload.class.getName());
        return ok ? ObjectInputFilter.Status.ALLOWED : ObjectInputFilter.Status.REJECTED;
    }

    private static DataFrame frame(List<String> features, double[][] x, int[] y) {
        return DataFrame.of(x, features.toArray(new String[0])).merge(IntVector.of(LABEL, y));
    }

    private static double logit(double p) {
        double q = Math.min(1 - 1e-12, Math.max(1e-12, p));
        return Math.log(q / (1 - q));
    }

    @Override
    public String toString() {
        return "LearnedScorer[" + info.algorithm() + ", features=" + info.features() + ", rows=" + info.trainingRows()
                + "]";
    }
}
