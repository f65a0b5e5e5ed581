package io.waymark.badinput;

import io.waymark.testing.RawHttp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One generated request: a valid request for an operation with exactly one thing made bad, so that
 * a failure names its cause. {@code target} is what was changed (e.g. {@code query q}, {@code
 * body.password}, {@code Content-Type}), {@code kind} how (e.g. {@code broken percent-encoding}),
 * {@code sample} the value used.
 */
final class Probe {

    final String method;
    final String template;
    final Map<String, String> path = new LinkedHashMap<>();

    /**
     * Query parameters as sent (already percent-encoded, or deliberately not); a null value means
     * no '='.
     */
    final List<String[]> query = new ArrayList<>();

    final List<String[]> headers = new ArrayList<>();
    byte[] body;

    /** Changes to the rendered request, for the request line and framing. */
    final List<Consumer<RawHttp.Request>> rawEdits = new ArrayList<>();

    String target = "none";
    String kind = "valid request";
    String sample = "";

    /**
     * Set when the probe sends a credential that must never be accepted: the answer must be 401.
     */
    boolean invalidCredential;

    /**
     * Set when the probe sends a value of the wrong type for this body member: the answer must be a
     * 400 whose {@code errors} name it.
     */
    String refusedField;

    String requestId;

    Probe(String method, String template) {
        this.method = method;
        this.template = template;
    }

    Probe header(String name, String value) {
        headers.add(new String[] {name, value});
        return this;
    }

    Probe replaceHeader(String name, String value) {
        removeHeader(name);
        return value == null ? this : header(name, value);
    }

    Probe removeHeader(String name) {
        headers.removeIf(h -> h[0].equalsIgnoreCase(name));
        return this;
    }

    String header(String name) {
        return headers.stream()
                .filter(h -> h[0].equalsIgnoreCase(name))
                .map(h -> h[1])
                .findFirst()
                .orElse(null);
    }

    Probe query(String name, String value) {
        query.add(new String[] {name, value});
        return this;
    }

    Probe describe(String target, String kind, String sample) {
        this.target = target;
        this.kind = kind;
        this.sample = sample;
        return this;
    }

    String requestTarget() {
        String rendered = template;
        for (Map.Entry<String, String> variable : path.entrySet()) {
            rendered = rendered.replace("{" + variable.getKey() + "}", variable.getValue());
        }
        if (query.isEmpty()) {
            return rendered;
        }
        StringBuilder target = new StringBuilder(rendered).append('?');
        for (int i = 0; i < query.size(); i++) {
            String[] parameter = query.get(i);
            target.append(i == 0 ? "" : "&")
                    .append(parameter[0])
                    .append(parameter[1] == null ? "" : "=" + parameter[1]);
        }
        return target.toString();
    }

    RawHttp.Request render(RawHttp http) {
        RawHttp.Request request = http.request(method, requestTarget());
        headers.forEach(h -> request.header(h[0], h[1]));
        if (body != null) {
            request.body(body);
        }
        rawEdits.forEach(edit -> edit.accept(request));
        return request;
    }

    /**
     * The request target on the wire, or null when the request line was replaced and names no
     * target as such.
     */
    String sentTarget() {
        RawHttp.Request request = render(new RawHttp("127.0.0.1", 0));
        return request.replacesRequestLine() ? null : request.target();
    }

    /** The method on the wire, after any change to the request line. */
    String sentMethod() {
        return render(new RawHttp("127.0.0.1", 0)).method();
    }

    /** Where the failure is: method and path template, plus what was made bad. */
    String operation() {
        return method + " " + template;
    }
}
