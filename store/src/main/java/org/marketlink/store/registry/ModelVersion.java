package org.marketlink.store.registry;

import java.time.Instant;
import java.util.Map;

/**
 * A registered model version.
 *
 * @param name         the model's name
 * @param version      1, 2, ... per name, in order of registration
 * @param featureSet   the feature set it reads (for example {@code product_pricing})
 * @param parameters   its training parameters
 * @param runId        the pipeline run that produced its training data (see the lineage table), may be null
 * @param metrics      its evaluation metrics, for example {@code auc → 0.87}
 * @param artifact     the serialized model, empty when it lives at {@code artifactPath}
 * @param artifactPath where the model lives when it is not stored here, may be null
 * @param status       staging, production or archived
 * @param createdAt    registration time
 */
public record ModelVersion(String name, int version, String featureSet, Map<String, String> parameters, String runId,
                           Map<String, Double> metrics, byte[] artifact, String artifactPath, ModelStatus status,
                           Instant createdAt) {
    /** Copies the maps; a {@code null} artifact is empty. */
    public ModelVersion {
        parameters = Map.copyOf(parameters);
        metrics = Map.copyOf(metrics);
        artifact = artifact == null ? new byte[0] : artifact;
    }

    @Override
    public String toString() {
        return "ModelVersion[" + name + " v" + version + ", " + status + ", features=" + featureSet + ", metrics="
                + metrics + "]";
    }
}
