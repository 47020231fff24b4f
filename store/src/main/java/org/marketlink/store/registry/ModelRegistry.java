package org.marketlink.store.registry;

import com.fasterxml.jackson.core.type.TypeReference;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.JdbiException;
import org.marketlink.core.NoSuchEntityException;
import org.marketlink.core.UnableToReadException;
import org.marketlink.core.UnableToWriteException;
import org.marketlink.core.data.Json;
import org.marketlink.store.MarketStore;
import org.marketlink.store.internal.Args;
import org.marketlink.store.internal.DatabaseErrors;
import org.marketlink.store.internal.Rows;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Versions of trained models in the store's {@code models} table, with their training lineage, metrics and artifact,
 * and the history of every promotion attempt in {@code model_promotions}. A version reaches production only through a
 * {@link PromotionGate}; promoting one archives the version that was in production before. Thread-safe.
 */
public final class ModelRegistry {
    private static final TypeReference<Map<String, String>> STRINGS = new TypeReference<>() { };
    private static final TypeReference<Map<String, Double>> NUMBERS = new TypeReference<>() { };
    private final MarketStore store;
    private final Clock clock;

    /** A model registry in {@code store}, stamping versions and promotions with {@code clock}. */
    public static ModelRegistry of(MarketStore store, Clock clock) {
        return new ModelRegistry(store, clock);
    }

    private ModelRegistry(MarketStore store, Clock clock) {
        if (store == null || clock == null) {
            throw new IllegalArgumentException("store and clock must not be null");
        }
        this.store = store;
        this.clock = clock;
    }

    /**
     * Registers a new version of {@code name} in staging; versions count up from 1.
     *
     * @param runId the pipeline run behind the training data; must be recorded in the lineage table when given
     * @throws IllegalArgumentException when the name or feature set is blank, a metric is not finite, neither or both
     *                                  of artifact and path are given, or the run is unknown
     */
    public ModelVersion register(String name, String featureSet, Map<String, String> parameters, String runId,
                                 Map<String, Double> metrics, byte[] artifact, String artifactPath) {
        if (name == null || name.isBlank() || name.length() > 200 || featureSet == null || featureSet.isBlank()) {
            throw new IllegalArgumentException("model name (≤ 200 characters) and feature set must be given, were '"
                    + name + "', '" + featureSet + "'");
        }
        metrics.forEach((k, v) -> {
            if (v == null || !Double.isFinite(v)) {
                throw new IllegalArgumentException("metric " + k + " of model " + name + " must be finite, was " + v);
            }
        });
        boolean hasBytes = artifact != null && artifact.length > 0;
        boolean hasPath = artifactPath != null && !artifactPath.isBlank();
        if (hasBytes == hasPath) {
            throw new IllegalArgumentException("model " + name + " needs its artifact either as bytes or as a path, "
                    + "not " + (hasBytes ? "both" : "neither"));
        }
        if (runId != null && store.lineage().find(runId).isEmpty()) {
            throw new IllegalArgumentException("model " + name + " names training run '" + runId
                    + "', which the lineage table does not know");
        }
        Instant now = clock.instant();
        try {
            return store.jdbi().inTransaction(h -> {
                int version = h.createQuery("SELECT COALESCE(MAX(version), 0) FROM models WHERE name = :name")
                        .bind("name", name).mapTo(Integer.class).one() + 1;
                h.createUpdate("INSERT INTO models (name, version, feature_set, parameters, run_id, metrics, artifact, "
                                + "artifact_path, status, created_at) VALUES (:name, :version, :feature_set, "
                                + ":parameters, :run_id, :metrics, :artifact, :artifact_path, :status, :created_at)")
                        .bind("name", name).bind("version", version).bind("feature_set", featureSet)
                        .bind("parameters", Json.write(parameters)).bind("run_id", runId)
                        .bind("metrics", Json.write(metrics)).bind("artifact", hasBytes ? artifact : null)
                        .bind("artifact_path", hasPath ? artifactPath : null)
                        .bind("status", ModelStatus.STAGING.name()).bind("created_at", Args.timestamp(now)).execute();
                return new ModelVersion(name, version, featureSet, parameters, runId, metrics, artifact,
                        artifactPath, ModelStatus.STAGING, now);
            });
        } catch (JdbiException e) {
            throw new UnableToWriteException("could not register model " + name + ": " + DatabaseErrors.describe(e),
                    DatabaseErrors.withheld(e));
        }
    }

    /** Version {@code version} of model {@code name}, if registered. */
    public Optional<ModelVersion> find(String name, int version) {
        return read("model " + name + " v" + version, h -> h.createQuery("SELECT * FROM models WHERE name = :name "
                + "AND version = :version").bind("name", name).bind("version", version)
                .map((rs, c) -> map(rs)).findOne());
    }

    /** Every version of a model, oldest first. */
    public List<ModelVersion> versions(String name) {
        return read("versions of model " + name, h -> h.createQuery("SELECT * FROM models WHERE name = :name "
                + "ORDER BY version").bind("name", name).map((rs, c) -> map(rs)).list());
    }

    /** The version in production, if any. */
    public Optional<ModelVersion> production(String name) {
        return read("production model " + name, h -> h.createQuery("SELECT * FROM models WHERE name = :name "
                        + "AND status = :status").bind("name", name).bind("status", ModelStatus.PRODUCTION.name())
                .map((rs, c) -> map(rs)).findOne());
    }

    /**
     * Tries to move a version to production through {@code gate}. The attempt is recorded either way, with the
     * gate's reason. On success the previous production version is archived (also recorded).
     *
     * @return the recorded attempt
     * @throws NoSuchEntityException    when the version does not exist
     * @throws IllegalArgumentException when the version is archived
     */
    public Promotion promote(String name, int version, PromotionGate gate) {
        Instant now = clock.instant();
        try {
            return store.jdbi().inTransaction(h -> {
                ModelVersion model = h.createQuery("SELECT * FROM models WHERE name = :name AND version = :version "
                                + "FOR UPDATE").bind("name", name).bind("version", version).map((rs, c) -> map(rs))
                        .findOne().orElseThrow(() -> new NoSuchEntityException("model", name + " v" + version));
                if (model.status() == ModelStatus.ARCHIVED) {
                    throw new IllegalArgumentException(name + " v" + version + " is archived; register it again "
                            + "to bring it back");
                }
                PromotionGate.Verdict verdict = gate.check(model);
                Promotion attempt = new Promotion(name, version, now, model.status(),
                        verdict.passed() ? ModelStatus.PRODUCTION : model.status(), gate.describe(),
                        verdict.passed(), verdict.reason());
                if (verdict.passed() && model.status() != ModelStatus.PRODUCTION) {
                    List<Integer> previous = h.createQuery("SELECT version FROM models WHERE name = :name "
                                    + "AND status = :status").bind("name", name)
                            .bind("status", ModelStatus.PRODUCTION.name()).mapTo(Integer.class).list();
                    for (int old : previous) {
                        setStatus(h, name, old, ModelStatus.ARCHIVED);
                        record(h, new Promotion(name, old, now, ModelStatus.PRODUCTION, ModelStatus.ARCHIVED,
                                "replaced by v" + version, true, name + " v" + version + " went to production"));
                    }
                    setStatus(h, name, version, ModelStatus.PRODUCTION);
                }
                record(h, attempt);
                return attempt;
            });
        } catch (JdbiException e) {
            throw new UnableToWriteException("could not promote model " + name + " v" + version + ": "
                    + DatabaseErrors.describe(e), DatabaseErrors.withheld(e));
        }
    }

    /** Every recorded status change and attempt of a model, oldest first. */
    public List<Promotion> history(String name) {
        return read("promotions of model " + name, h -> h.createQuery("SELECT * FROM model_promotions "
                        + "WHERE name = :name ORDER BY at, version").bind("name", name)
                .map((rs, c) -> new Promotion(rs.getString("name"), rs.getInt("version"), Rows.instant(rs, "at"),
                        ModelStatus.valueOf(rs.getString("from_status")), ModelStatus.valueOf(rs.getString("to_status")),
                        rs.getString("gate"), rs.getBoolean("passed"), rs.getString("reason"))).list());
    }

    private static void setStatus(Handle h, String name, int version, ModelStatus status) {
        h.createUpdate("UPDATE models SET status = :status WHERE name = :name AND version = :version")
                .bind("status", status.name()).bind("name", name).bind("version", version).execute();
    }

    private static void record(Handle h, Promotion p) {
        h.createUpdate("INSERT INTO model_promotions (name, version, at, from_status, to_status, gate, passed, reason) "
                        + "VALUES (:name, :version, :at, :from, :to, :gate, :passed, :reason)")
                .bind("name", p.name()).bind("version", p.version()).bind("at", Args.timestamp(p.at()))
                .bind("from", p.from().name()).bind("to", p.to().name()).bind("gate", truncate(p.gate(), 500))
                .bind("passed", p.passed()).bind("reason", truncate(p.reason(), 1000)).execute();
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    private <R> R read(String what, HandleCallback<R, RuntimeException> callback) {
        try {
            return store.jdbi().withHandle(callback);
        } catch (JdbiException e) {
            throw new UnableToReadException("could not read " + what + ": " + DatabaseErrors.describe(e),
                    DatabaseErrors.withheld(e));
        }
    }

    private static ModelVersion map(ResultSet rs) throws SQLException {
        try {
            return new ModelVersion(rs.getString("name"), rs.getInt("version"), rs.getString("feature_set"),
                    Json.mapper().readValue(rs.getString("parameters"), STRINGS), rs.getString("run_id"),
                    Json.mapper().readValue(rs.getString("metrics"), NUMBERS), rs.getBytes("artifact"),
                    rs.getString("artifact_path"), ModelStatus.valueOf(rs.getString("status")),
                    Rows.instant(rs, "created_at"));
        } catch (IOException e) {
            throw new UnableToReadException("model " + rs.getString("name") + " has unreadable parameters or metrics",
                    e);
        }
    }
}
