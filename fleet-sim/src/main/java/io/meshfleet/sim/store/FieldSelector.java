package io.meshfleet.sim.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code ?fieldSelector=} ({@code a.b=c}, {@code a.b==c}, {@code a.b!=c}, comma-ANDed). Any dotted path of the
 * object may be selected on (the real server allows a fixed set per kind: {@code metadata.name},
 * {@code metadata.namespace}, {@code status.phase}, {@code spec.nodeName}, {@code involvedObject.*}...); a missing
 * field reads as "".
 */
public final class FieldSelector {

    /** Matches every object. */
    public static final FieldSelector EVERYTHING = new FieldSelector(List.of());

    /**
     * One term.
     *
     * @param path dotted field path
     * @param equal true for = and ==, false for !=
     * @param value the value compared with
     */
    public record Term(String path, boolean equal, String value) {
    }

    private final List<Term> terms;

    private FieldSelector(List<Term> terms) {
        this.terms = List.copyOf(terms);
    }

    /** The terms, ANDed. */
    public List<Term> terms() {
        return terms;
    }

    /** Whether this selector matches everything. */
    public boolean isEverything() {
        return terms.isEmpty();
    }

    /** Parses the string syntax; a 400 {@link StoreException} when malformed. */
    public static FieldSelector parse(String text) {
        if (text == null || text.isBlank()) {
            return EVERYTHING;
        }
        List<Term> terms = new ArrayList<>();
        for (String raw : splitUnescaped(text, ',')) {
            String term = raw.trim();
            int at;
            boolean equal;
            int opLength;
            if ((at = indexUnescaped(term, "!=")) > 0) {
                equal = false;
                opLength = 2;
            } else if ((at = indexUnescaped(term, "==")) > 0) {
                equal = true;
                opLength = 2;
            } else if ((at = indexUnescaped(term, "=")) > 0) {
                equal = true;
                opLength = 1;
            } else {
                throw StoreException.badRequest("invalid selector: '" + text + "'; can't understand '" + term + "'");
            }
            terms.add(new Term(term.substring(0, at).trim(), equal, unescape(term.substring(at + opLength).trim())));
        }
        return new FieldSelector(terms);
    }

    /** Whether the object satisfies every term. */
    public boolean matches(JsonNode object) {
        for (Term term : terms) {
            if (Json.textAt(object, term.path()).equals(term.value()) != term.equal()) {
                return false;
            }
        }
        return true;
    }

    /** Whether every term is on metadata.name / metadata.namespace, so the object need not be parsed. */
    boolean onlyNameAndNamespace() {
        for (Term term : terms) {
            if (!term.path().equals("metadata.name") && !term.path().equals("metadata.namespace")) {
                return false;
            }
        }
        return true;
    }

    /** Matching on name and namespace alone; valid only when {@link #onlyNameAndNamespace()}. */
    boolean matches(String namespace, String name) {
        for (Term term : terms) {
            String actual = term.path().equals("metadata.name") ? name : namespace == null ? "" : namespace;
            if (actual.equals(term.value()) != term.equal()) {
                return false;
            }
        }
        return true;
    }

    private static List<String> splitUnescaped(String text, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                current.append(c).append(text.charAt(++i));
            } else if (c == separator) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        return parts;
    }

    private static int indexUnescaped(String text, String op) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\\') {
                i++;
            } else if (text.startsWith(op, i)) {
                return i;
            }
        }
        return -1;
    }

    private static String unescape(String value) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                c = value.charAt(++i);
            }
            out.append(c);
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return terms.toString();
    }
}
