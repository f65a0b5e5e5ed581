package io.waymark.repository;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Looks for credentials written into delivery files: AWS key ids, private keys, and secret-looking
 * settings whose value is a literal instead of an expression or an interpolated variable.
 */
public final class InlineSecrets {

    private static final Pattern AWS_KEY_ID = Pattern.compile("\\b(AKIA|ASIA)[0-9A-Z]{16}\\b");
    private static final Pattern PRIVATE_KEY =
            Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----");
    private static final Pattern SECRET_NAME =
            Pattern.compile(
                    "(?i).*(password|passwd|secret|token|access[-_]?key|private[-_]?key|credential).*");
    // Values that point somewhere else: ${{ expressions }} in workflows, ${VARIABLES} in Compose
    // files.
    private static final Pattern REFERENCE =
            Pattern.compile("\\$\\{\\{.*}}|\\$\\{[A-Za-z_][A-Za-z0-9_]*(:?[-?][^}]*)?}");

    private InlineSecrets() {}

    /** Findings in raw text (key material), one line each. */
    public static List<String> inText(String text) {
        List<String> findings = new ArrayList<>();
        AWS_KEY_ID
                .matcher(text)
                .results()
                .forEach(match -> findings.add("AWS access key id " + match.group()));
        if (PRIVATE_KEY.matcher(text).find()) {
            findings.add("a private key block");
        }
        return findings;
    }

    /**
     * Findings in a parsed document: every mapping entry whose key names a secret must hold a
     * reference, not a literal. Booleans and permission levels ({@code id-token: write}) are not
     * secrets.
     */
    public static List<String> inDocument(Object node) {
        List<String> findings = new ArrayList<>();
        collect(node, "", findings);
        return findings;
    }

    private static void collect(Object node, String path, List<String> findings) {
        if (node instanceof Map<?, ?> map) {
            map.forEach(
                    (key, value) -> {
                        String keyPath = path + "/" + key;
                        if (value instanceof String literal
                                && SECRET_NAME.matcher(key.toString()).matches()
                                && !isHarmless(literal)) {
                            findings.add(keyPath + " = " + literal);
                        }
                        collect(value, keyPath, findings);
                    });
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                collect(list.get(i), path + "[" + i + "]", findings);
            }
        }
    }

    private static boolean isHarmless(String value) {
        String trimmed = value.trim();
        return trimmed.isEmpty()
                || REFERENCE.matcher(trimmed).matches()
                || trimmed.equals("read")
                || trimmed.equals("write")
                || trimmed.equals("none");
    }
}
