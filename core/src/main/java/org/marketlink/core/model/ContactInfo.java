package org.marketlink.core.model;

import org.marketlink.core.Checks;
import org.marketlink.core.data.Personal;
import org.marketlink.core.privacy.Masking;

/**
 * How to reach a producer group or buyer. Personal data: mask it wherever it is shown.
 *
 * @param person the contact person's name, may be empty, at most 200 characters
 * @param phone  phone number as written, may be empty, at most 50 characters
 * @param email  e-mail address, may be empty; when given it must contain one {@code @}, at most 320 characters
 */
public record ContactInfo(@Personal String person, @Personal String phone, @Personal String email) {
    /** The canonical constructor: copies collections, fills defaults and checks the components as described above. */
    public ContactInfo {
        person = Checks.atMost("person", Checks.orEmpty(person), 200);
        phone = Checks.atMost("phone", Checks.orEmpty(phone), 50);
        email = Checks.atMost("email", Checks.orEmpty(email), 320);
        if (!email.isEmpty() && (email.indexOf('@') <= 0 || email.indexOf('@') != email.lastIndexOf('@')
                || email.indexOf('@') == email.length() - 1)) {
            // the address itself is personal data: say what is wrong with it, not what it is
            throw new IllegalArgumentException("email must look like name@domain, was " + email.length()
                    + " characters with " + email.chars().filter(c -> c == '@').count() + " '@' (value withheld: "
                    + "personal data)");
        }
    }

    @Override
    public String toString() {
        return "ContactInfo[person=" + mask(person) + ", phone=" + mask(phone) + ", email=" + mask(email) + "]";
    }

    private static String mask(String value) {
        return value.isEmpty() ? "" : Masking.MASK;
    }

    /** No contact details. */
    public static ContactInfo none() {
        return new ContactInfo("", "", "");
    }
}
