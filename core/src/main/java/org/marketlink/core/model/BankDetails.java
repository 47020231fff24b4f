package org.marketlink.core.model;

import org.marketlink.core.Checks;
import org.marketlink.core.data.Personal;
import org.marketlink.core.data.WrittenAlone;

/**
 * Where payments to a producer group go. Always encrypted at rest; {@link #toString()} never shows it, so it
 * cannot reach a log line or an exception message by accident, and {@link org.marketlink.core.data.Json} leaves it out
 * of every record it writes (a group as JSON carries no bank details).
 *
 * @param accountHolder name on the account
 * @param accountNumber account number, digits and letters only
 * @param bankCode      bank or branch routing code (IFSC, sort code, SWIFT)
 */
@WrittenAlone
public record BankDetails(@Personal String accountHolder, @Personal String accountNumber, String bankCode) {
    /** The canonical constructor: copies collections, fills defaults and checks the components as described above. */
    public BankDetails {
        accountHolder = Checks.notBlank("bankDetails.accountHolder", accountHolder);
        accountNumber = Checks.notBlank("bankDetails.accountNumber", accountNumber);
        bankCode = Checks.notBlank("bankDetails.bankCode", bankCode);
        if (!accountNumber.chars().allMatch(Character::isLetterOrDigit)) {
            // the value itself is deliberately not echoed: it is personal data
            throw new IllegalArgumentException("bankDetails.accountNumber must hold only letters and digits");
        }
    }

    @Override
    public String toString() {
        return "BankDetails[redacted]";
    }
}
