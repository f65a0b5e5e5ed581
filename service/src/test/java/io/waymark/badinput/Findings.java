package io.waymark.badinput;

import io.waymark.testing.ApiContract;
import io.waymark.testing.LoggedFailures;
import io.waymark.testing.RawHttp;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks each answer against the rules for bad input, counts, and reports failures grouped by
 * cause: one line per (rule, status, kind of bad input, what came back), with the operations it
 * happened on and one request to reproduce it, so thirty failures of one kind read as one line with
 * a count.
 */
final class Findings {

    /** The rules, in the order a failing answer is attributed to them (one rule per answer). */
    enum Rule {
        NO_ANSWER("no answer"),
        SERVER_ERROR("5xx"),
        CREDENTIAL_ACCEPTED("invalid credential not refused with 401"),
        NOT_PROBLEM("error without problem+json"),
        COERCED("wrong-typed value not refused with 400 naming its field"),
        LEAK("internals in the answer"),
        CONTRACT("answer to a documented operation outside /openapi.json");

        final String label;

        Rule(String label) {
            this.label = label;
        }
    }

    private static final Set<Integer> PROTOCOL_ANSWERS = Set.of(501, 505);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Renders probes for printing only: it never connects. */
    private static final RawHttp PRINTER = new RawHttp("127.0.0.1", 0);

    private static final List<String> INTERNALS =
            List.of(
                    "\tat ",
                    "Exception",
                    "org.springframework",
                    "org.apache",
                    "tools.jackson",
                    "io.waymark.",
                    "java.lang",
                    "SQLITE_",
                    "org.postgresql",
                    "com.mongodb");

    private record Failure(
            Rule rule,
            Probe probe,
            RawHttp.Answer answer,
            String signature,
            LoggedFailures.Logged exception) {}

    private final LoggedFailures logged;
    private final Map<String, String> secrets;
    private final ApiContract contract;
    private final List<Failure> failures = new ArrayList<>();
    private final Map<String, Integer> byStatusClass = new TreeMap<>();
    private int tried;
    private int serverErrors;
    private int withoutProblem;
    private int credentialsAccepted;
    private int coerced;

    /**
     * {@code secrets}: texts (tokens) to print as their placeholder, so the report stays readable.
     */
    Findings(LoggedFailures logged, Map<String, String> secrets, ApiContract contract) {
        this.logged = logged;
        this.secrets = secrets;
        this.contract = contract;
    }

    void check(Probe probe, RawHttp.Answer answer) {
        tried++;
        int status = answer.status();
        byStatusClass.merge(status < 0 ? "none" : (status / 100) + "xx", 1, Integer::sum);
        String problem =
                isErrorAnswer(status)
                        ? problemViolation(answer, probe.sentMethod().equals("HEAD"))
                        : null;
        boolean serverError = status >= 500 && !PROTOCOL_ANSWERS.contains(status);
        boolean credentialAccepted = probe.invalidCredential && status != 401;
        String text = answer.text();
        String leak =
                status >= 400
                        ? INTERNALS.stream().filter(text::contains).findFirst().orElse(null)
                        : null;
        serverErrors += serverError ? 1 : 0;
        withoutProblem += problem != null ? 1 : 0;
        credentialsAccepted += credentialAccepted ? 1 : 0;
        LoggedFailures.Logged exception = logged.forRequest(probe.requestId).orElse(null);
        if (status < 0) {
            failures.add(new Failure(Rule.NO_ANSWER, probe, answer, mask(text, 80), null));
        } else if (serverError) {
            failures.add(
                    new Failure(
                            Rule.SERVER_ERROR,
                            probe,
                            answer,
                            exception != null
                                    ? exception.cause()
                                    : "no exception logged; " + shape(answer),
                            exception));
        } else if (credentialAccepted) {
            failures.add(
                    new Failure(
                            Rule.CREDENTIAL_ACCEPTED,
                            probe,
                            answer,
                            probe.kind + ", answered " + status,
                            null));
        } else if (problem != null) {
            failures.add(new Failure(Rule.NOT_PROBLEM, probe, answer, problem, exception));
        } else if (probe.refusedField != null
                // Refusals that do not depend on the body: a 401 comes before it is read (an
                // earlier probe may have changed the self account's password), a merge patch
                // looks for its to-do first (an earlier probe may have deleted it), and the
                // password throttle's 429 comes before the body is validated (earlier probes
                // failed the current password from this client).
                && status != 401
                && status != 404
                && status != 429
                && !namesField(answer, probe.refusedField)) {
            coerced++;
            failures.add(
                    new Failure(
                            Rule.COERCED,
                            probe,
                            answer,
                            probe.kind + " for " + probe.refusedField + ", answered " + status,
                            exception));
        } else if (leak != null) {
            failures.add(
                    new Failure(
                            Rule.LEAK,
                            probe,
                            answer,
                            "body contains '" + leak.strip() + "'",
                            exception));
        } else {
            contractViolation(probe, answer)
                    .ifPresent(
                            violation ->
                                    failures.add(
                                            new Failure(
                                                    Rule.CONTRACT,
                                                    probe,
                                                    answer,
                                                    violation,
                                                    exception)));
        }
    }

    /**
     * The first way the answer departs from the document, when the request went to a documented
     * operation: its status, Content-Type, required headers and body. A target the probe garbled (a
     * replaced request line) names no operation, and neither does a path or method the document
     * does not have.
     */
    private Optional<String> contractViolation(Probe probe, RawHttp.Answer answer) {
        String target = probe.sentTarget();
        if (target == null || answer.status() < 0) {
            return Optional.empty();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        answer.headers().forEach((name, values) -> headers.put(name, values.getFirst()));
        List<String> violations =
                contract.violations(
                        probe.sentMethod(), target, answer.status(), headers, answer.text());
        // Without the body each violation quotes: failures of one kind group into one line.
        return violations.stream()
                .findFirst()
                .map(violation -> mask(violation.replaceAll(" in \\{.*$", ""), 160));
    }

    /**
     * 4xx, and the two 5xx that HTTP prescribes for a request the server cannot handle by design:
     * 501 for a transfer coding it does not implement (RFC 9112, 6.1) and 505 for an HTTP version
     * it does not speak. Those are not faults, but they are errors all the same and must be problem
     * documents too.
     */
    private static boolean isErrorAnswer(int status) {
        return status >= 400 && status < 500 || PROTOCOL_ANSWERS.contains(status);
    }

    /** A 400 whose {@code errors} list names {@code field}. */
    private static boolean namesField(RawHttp.Answer answer, String field) {
        if (answer.status() != 400) {
            return false;
        }
        try {
            for (JsonNode error : JSON.readTree(answer.body()).path("errors")) {
                if (field.equals(error.path("field").asString())) {
                    return true;
                }
            }
            return false;
        } catch (RuntimeException e) {
            return false;
        }
    }

    boolean passed() {
        return failures.isEmpty();
    }

    /** Why a 4xx answer is not a proper problem document, or null when it is one. */
    private static String problemViolation(RawHttp.Answer answer, boolean head) {
        String contentType = answer.contentType();
        String base =
                contentType == null
                        ? ""
                        : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        if (!base.equals("application/problem+json")) {
            return shape(answer);
        }
        if (head) {
            return null;
        }
        try {
            JsonNode json = JSON.readTree(answer.body());
            List<String> missing = new ArrayList<>();
            if (!json.path("type").isString() || json.path("type").asString().isBlank()) {
                missing.add("type");
            }
            if (!json.path("title").isString() || json.path("title").asString().isBlank()) {
                missing.add("title");
            }
            if (json.path("status").asInt(-1) != answer.status()) {
                missing.add("status");
            }
            return missing.isEmpty()
                    ? null
                    : "problem+json without a valid " + String.join(", ", missing);
        } catch (RuntimeException e) {
            return "problem+json that is not JSON";
        }
    }

    /**
     * What came back, in a form that groups: content type and the start of the body, digits masked.
     */
    private static String shape(RawHttp.Answer answer) {
        String contentType =
                answer.contentType() == null ? "no Content-Type" : answer.contentType();
        String body = answer.text().strip();
        if (body.isEmpty()) {
            return contentType + ", empty body";
        }
        if (body.startsWith("<")) {
            int title = body.indexOf("<title>");
            return contentType
                    + ", HTML "
                    + (title >= 0
                            ? body.substring(
                                    title + 7, Math.max(title + 7, body.indexOf("</title>")))
                            : "page");
        }
        return contentType + ", " + masked(body.length() > 60 ? body.substring(0, 60) : body);
    }

    /**
     * Ids, request ids, line numbers and long numbers masked: what varies between requests of one
     * cause.
     */
    private static String masked(String text) {
        return text.replaceAll(
                        "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<id>")
                .replaceAll("bad-input-\\d+", "<request-id>")
                .replaceAll("\\.java:\\d+\\)", ".java)")
                .replaceAll("\\d{3,}", "N");
    }

    /**
     * The counts, and every distinct failure with where it happened and one request that shows it.
     */
    String report(String title) {
        StringBuilder out = new StringBuilder();
        out.append(title)
                .append(": ")
                .append(tried)
                .append(" requests tried; answers ")
                .append(byStatusClass)
                .append("; 5xx (other than 501/505): ")
                .append(serverErrors)
                .append("; 4xx (or 501/505) without problem+json: ")
                .append(withoutProblem)
                .append("; invalid credentials not refused: ")
                .append(credentialsAccepted)
                .append("; wrong-typed values not refused: ")
                .append(coerced)
                .append("; failing requests: ")
                .append(failures.size())
                .append('\n');
        Map<String, List<Failure>> groups = new LinkedHashMap<>();
        failures.stream()
                .sorted(
                        (a, b) ->
                                a.rule() != b.rule()
                                        ? a.rule().compareTo(b.rule())
                                        : a.signature().compareTo(b.signature()))
                .forEach(
                        f ->
                                groups.computeIfAbsent(
                                                f.rule()
                                                        + "|"
                                                        + f.answer().status()
                                                        + "|"
                                                        + f.signature(),
                                                k -> new ArrayList<>())
                                        .add(f));
        if (!groups.isEmpty()) {
            out.append(groups.size())
                    .append(" distinct failures (rule, status, what came back):\n");
        }
        int n = 0;
        for (List<Failure> group : groups.values()) {
            Failure first = group.getFirst();
            Map<String, Integer> kinds = new LinkedHashMap<>();
            Set<String> where = new LinkedHashSet<>();
            Map<String, Failure> examples = new LinkedHashMap<>();
            for (Failure f : group) {
                kinds.merge(f.probe().kind, 1, Integer::sum);
                where.add(f.probe().operation() + " [" + f.probe().target + "]");
                examples.putIfAbsent(f.probe().kind, f);
            }
            out.append(
                    String.format(
                            "%3d. %s x%d  %s -> %s%n",
                            ++n,
                            statusText(first),
                            group.size(),
                            first.rule().label,
                            first.signature()));
            out.append("     bad input: ")
                    .append(
                            kinds.entrySet().stream()
                                    .map(e -> e.getKey() + " x" + e.getValue())
                                    .limit(40)
                                    .collect(Collectors.joining(", ")))
                    .append(kinds.size() > 40 ? " and " + (kinds.size() - 40) + " more kinds" : "")
                    .append('\n');
            out.append("     on ").append(list(where, 6)).append('\n');
            examples.values().stream()
                    .limit(3)
                    .forEach(
                            example ->
                                    out.append("     e.g. ")
                                            .append(reproduction(example.probe()))
                                            .append('\n'));
            out.append("     got ")
                    .append(statusText(first))
                    .append(' ')
                    .append(String.valueOf(first.answer().contentType()))
                    .append(": ")
                    .append(mask(first.answer().text(), 200))
                    .append('\n');
            if (first.exception() != null) {
                out.append("     logged ").append(first.exception().description()).append('\n');
            }
        }
        return out.toString();
    }

    private static String statusText(Failure failure) {
        return failure.answer().status() < 0 ? "---" : Integer.toString(failure.answer().status());
    }

    private static String list(Set<String> items, int max) {
        List<String> shown = items.stream().limit(max).toList();
        return String.join(", ", shown)
                + (items.size() > max ? " and " + (items.size() - max) + " more" : "");
    }

    /**
     * The request as sent: its request line, the header that was made bad, and the start of the
     * body.
     */
    private String reproduction(Probe probe) {
        RawHttp.Request request = probe.render(PRINTER);
        String bytes = new String(request.bytes(), StandardCharsets.ISO_8859_1);
        String requestLine = bytes.substring(0, bytes.indexOf("\r\n"));
        StringBuilder out = new StringBuilder(mask(requestLine, 160));
        out.append("  (").append(probe.target).append(": ").append(probe.kind).append(')');
        if (!probe.target.startsWith("body")
                && !probe.target.startsWith("form")
                && !probe.target.startsWith("query")
                && !probe.target.startsWith("path")
                && !probe.target.equals("method")) {
            String name =
                    probe.target.startsWith("header ") ? probe.target.substring(7) : probe.target;
            if (!name.equals("request")) {
                String value = request.header(name);
                out.append("  ")
                        .append(name)
                        .append(": ")
                        .append(value == null ? "(absent)" : mask(value, 120));
            }
        }
        if (request.bodyBytes() != null
                && (probe.target.startsWith("body")
                        || probe.target.startsWith("form")
                        || probe.target.equals("Content-Type"))) {
            out.append("  body (")
                    .append(request.bodyBytes().length)
                    .append(" bytes): ")
                    .append(
                            mask(
                                    new String(request.bodyBytes(), StandardCharsets.ISO_8859_1),
                                    120));
        }
        return out.toString();
    }

    /**
     * Printable: tokens as placeholders, control and non-ASCII bytes as \xNN, cut to {@code max}
     * chars.
     */
    private String mask(String text, int max) {
        String shown = text;
        for (Map.Entry<String, String> secret : secrets.entrySet()) {
            shown = shown.replace(secret.getKey(), secret.getValue());
        }
        StringBuilder out = new StringBuilder();
        for (char c : shown.toCharArray()) {
            if (out.length() >= max) {
                return out.append("…(").append(text.length()).append(" chars)").toString();
            }
            out.append(
                    c == '\r'
                            ? "\\r"
                            : c == '\n'
                                    ? "\\n"
                                    : c < 0x20 || c >= 0x7f && c <= 0xff
                                            ? String.format("\\x%02X", (int) c)
                                            : String.valueOf(c));
        }
        return out.toString();
    }
}
