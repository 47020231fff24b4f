package org.marketlink.quality.rules;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link SimplePattern} answers as {@link java.util.regex.Matcher#matches} does, on every pattern it accepts. */
class SimplePatternTest {
    private static final String[] ATOMS = {"a", "b", "C", "-", "_", "@", "\\.", ".", "\\d", "\\w", "\\s", "\\D",
        "\\W", "\\S", "[a-c]", "[^a-c]", "[0-9_]", "[A-Z]", "[-x]", "[x-]", "[\\d.]", "\\t", " ", "é"};
    private static final String[] QUANTIFIERS = {"", "", "?", "*", "+", "{2}", "{1,3}", "{2,}", "{0,1}", "+?",
        "*+"};
    private static final String ALPHABET = "abcxCZ09_-@. \t\né🍅\u2028\u0085A";

    @Test
    void theDataPatternsOfPractice_areAccepted_andTheOthersRefused() {
        for (String accepted : List.of("C\\d+", "[A-Z]{2}-\\d{4}", "[a-z]+", "\\w+@\\w+\\.\\w+", "\\d{3}-\\d{4}",
                "[^,]*", "KE-[0-9]{5}", "\\S+", ".")) {
            assertThat(SimplePattern.compile(accepted)).as(accepted).isNotNull();
        }
        for (String refused : List.of(".*x", "a|b", "(ab)+", "\\bX", "[a-z]+[a-c]", "a*?", "^a$", "[[a]]", "\\p{L}",
                "x{2,1}", "é+", "[a&&b]", "\\d*\\w")) {
            assertThat(SimplePattern.compile(refused)).as(refused).isNull();
        }
    }

    @Test
    void everyAcceptedPattern_matchesAsJavaRegexDoes() {
        Random r = new Random(11);
        int accepted = 0;
        int matched = 0;
        for (int p = 0; p < 4000; p++) {
            StringBuilder regex = new StringBuilder();
            for (int k = r.nextInt(1, 5); k > 0; k--) {
                regex.append(ATOMS[r.nextInt(ATOMS.length)]).append(QUANTIFIERS[r.nextInt(QUANTIFIERS.length)]);
            }
            Pattern java = Pattern.compile(regex.toString());
            SimplePattern simple = SimplePattern.compile(regex.toString());
            if (simple == null) {
                continue;
            }
            accepted++;
            for (String s : strings(r, java)) {
                matched += java.matcher(s).matches() ? 1 : 0;
                assertThat(simple.matches(s)).as("/" + regex + "/ on '" + s + "'").isEqualTo(java.matcher(s)
                        .matches());
                // the code-point loop, which text beyond ASCII takes, answers the same on every value
                assertThat(simple.matchesCodePoints(s)).as("/" + regex + "/ on '" + s + "'").isEqualTo(java
                        .matcher(s).matches());
            }
        }
        assertThat(accepted).as("patterns accepted").isGreaterThan(800);
        assertThat(matched).as("strings that match").isGreaterThan(2000);
    }

    /** Random strings over an alphabet the atoms match parts of, so that both answers occur. */
    private static List<String> strings(Random r, Pattern java) {
        List<String> out = new ArrayList<>();
        out.add("");
        for (int i = 0; i < 60; i++) {
            StringBuilder s = new StringBuilder();
            for (int k = r.nextInt(0, 7); k > 0; k--) {
                s.appendCodePoint(ALPHABET.codePointAt(ALPHABET.offsetByCodePoints(0,
                        r.nextInt(ALPHABET.codePointCount(0, ALPHABET.length())))));
            }
            out.add(s.toString());
        }
        return out;
    }
}
