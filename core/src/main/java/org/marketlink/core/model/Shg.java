package org.marketlink.core.model;

import org.marketlink.core.Checks;
import org.marketlink.core.data.Personal;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A self-help group: a small producer collective. Natural key: {@code (name, location.region)}.
 *
 * @param id                 host-assigned identifier
 * @param name               registered name, at most 200 characters
 * @param location           where the group works
 * @param category           main line of production, lower case (for example {@code handloom}), at most 100 characters
 * @param memberCount        members, at least 1
 * @param monthlyCapacity    units the group can produce in a month, at least 0
 * @param certifications     certifications held (for example {@code organic}, {@code fssai})
 * @param qualityMetrics     named quality measures, finite numbers (for example {@code defect_rate → 0.02})
 * @param contact            contact details (personal data)
 * @param bankDetails        payment details, encrypted at rest; empty when not known
 * @param createdAt          when the record was created
 * @param updatedAt          when it last changed, not before {@code createdAt}
 */
public record Shg(UUID id, String name, Location location, String category, int memberCount, long monthlyCapacity,
                  List<String> certifications, Map<String, Double> qualityMetrics, @Personal ContactInfo contact,
                  @Personal Optional<BankDetails> bankDetails, Instant createdAt, Instant updatedAt) {
    /** The canonical constructor: copies collections, fills defaults and checks the components as described above. */
    public Shg {
        Checks.notNull("id", id);
        name = Checks.text("name", name, 200);
        Checks.notNull("location", location);
        category = Checks.text("category", category, 100).toLowerCase(Locale.ROOT);
        Checks.atLeast("memberCount", memberCount, 1);
        Checks.atLeast("monthlyCapacity", monthlyCapacity, 0);
        certifications = Checks.list("certifications", certifications);
        qualityMetrics = Checks.finiteMap("qualityMetrics", qualityMetrics);
        contact = contact == null ? ContactInfo.none() : contact;
        bankDetails = bankDetails == null ? Optional.empty() : bankDetails;
        createdAt = Checks.instant("createdAt", createdAt);
        updatedAt = Checks.instant("updatedAt", updatedAt);
        if (updatedAt.isBefore(createdAt)) {
            throw new IllegalArgumentException("updatedAt must not be before createdAt, was " + updatedAt
                    + " < " + createdAt);
        }
    }

    /** This group with other bank details. */
    public Shg withBankDetails(BankDetails details) {
        return new Shg(id, name, location, category, memberCount, monthlyCapacity, certifications, qualityMetrics,
                contact, Optional.ofNullable(details), createdAt, updatedAt);
    }

    @Override
    public String toString() {
        // contact and bank details are personal data and stay out of logs
        return "Shg[id=" + id + ", name=" + name + ", region=" + location.region() + ", category=" + category
                + ", members=" + memberCount + "]";
    }
}
