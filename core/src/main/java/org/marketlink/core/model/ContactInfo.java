package org.marketlink.core.model;

import org.marketlink.core.Checks;
import org.marketlink.core.data.Personal;
import org.marketlink.core.privacy.Masking;

/**
 * How to reach a producer group or buyer. Personal data: mask it wherever it is shown.
 *
 * @param person the contact person's name, may be empty
 * @param phone  phone number as written, may be empty
 * @param email  e-mail address, may be empty; when given it must contain one {@code @}
 */
public record ContactInfo(@Personal String person, @Personal String phone, @Personal String email) {
    /** The canonical constructor: copies collections, fills defaults and checks the components as described above. */
    public ContactInfo {
        person = Checks.orEmpty(person);
        phone = Checks.orEmpty(phone);
        email = Checks.orEmpty(email);
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
