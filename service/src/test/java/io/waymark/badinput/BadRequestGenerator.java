package io.waymark.badinput;

import io.waymark.badinput.BadValues.Kind;
import io.waymark.testing.Accounts;
import io.waymark.testing.OpenApiDocument;
import io.waymark.testing.OpenApiDocument.Operation;
import io.waymark.testing.OpenApiDocument.Parameter;
import io.waymark.testing.OpenApiDocument.Schema;
import io.waymark.testing.RawHttp;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Bad requests for every operation of the OpenAPI document: for each parameter and body member, each kind of
 * bad value that fits its type; for each operation, odd media types, credentials, methods and paths; and
 * request-level malformations (framing, request line, oversized parts). A systematic pass sends every
 * (operation, target, kind) once with a value picked by the seeded random; a random pass then adds more of
 * the same families. Same seed, same requests.
 *
 * <p>Two things the document cannot say are filled in here, each from the document's own shapes: a body with both
 * single-item members and an array of such items is "one item or a batch", never both; and a merge-patch body
 * springdoc describes as a Jackson {@code JsonNode} takes the members of the PUT body on the same path.
 */
final class BadRequestGenerator {

    private static final String JSON = "application/json";
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE");

    private final List<Operation> operations;
    private final Map<String, Operation> byKey = new LinkedHashMap<>();
    private final Fixture fixture;
    private final Random random;
    private final String authority;
    private int names;

    /** What can be made bad about one operation, and how to apply a value of that kind. */
    private record Family(String target, Kind kind, BiConsumer<Probe, String> apply, boolean invalidCredential) {
        Family(String target, Kind kind, BiConsumer<Probe, String> apply) {
            this(target, kind, apply, false);
        }
    }

    BadRequestGenerator(OpenApiDocument document, Fixture fixture, RawHttp http, long seed) {
        this.operations = document.operations();
        this.operations.forEach(op -> byKey.put(op.method() + " " + op.path(), op));
        this.fixture = fixture;
        this.random = new Random(seed);
        this.authority = http.authority();
    }

    /** The systematic pass, then random probes until there are at least {@code minimum} (and 200 random ones). */
    List<Probe> generate(int minimum) {
        List<Probe> probes = new ArrayList<>();
        Map<Operation, List<Family>> families = new LinkedHashMap<>();
        for (Operation op : operations) {
            families.put(op, families(op));
        }
        families.forEach((op, list) -> list.forEach(family -> probes.add(probe(op, family))));
        // Request-level malformations do not depend on the operation: each once, on an operation picked at random.
        for (Family family : requestLevel()) {
            probes.add(probe(operations.get(random.nextInt(operations.size())), family));
        }
        int total = Math.max(minimum, probes.size() + 200);
        while (probes.size() < total) {
            Operation op = operations.get(random.nextInt(operations.size()));
            List<Family> list = random.nextInt(10) == 0 ? requestLevel() : families.get(op);
            if (!list.isEmpty()) {
                probes.add(probe(op, list.get(random.nextInt(list.size()))));
            }
        }
        for (int i = 0; i < probes.size(); i++) {
            probes.get(i).requestId = "bad-input-" + i;
            probes.get(i).replaceHeader("X-Request-Id", probes.get(i).requestId);
        }
        return probes;
    }

    private Probe probe(Operation op, Family family) {
        Probe probe = base(op);
        String value = family.kind().values().get(random.nextInt(family.kind().values().size()));
        family.apply().accept(probe, value);
        probe.describe(family.target(), family.kind().name(), value);
        probe.invalidCredential = family.invalidCredential() && op.secured();
        return probe;
    }

    // ---- the valid request each probe starts from ----

    private Probe base(Operation op) {
        Probe probe = new Probe(op.method(), op.path());
        boolean safe = op.method().equals("GET") || op.method().equals("HEAD");
        Accounts.Account caller = safe && random.nextBoolean() ? fixture.admin : fixture.attacker;
        for (Parameter parameter : op.parameters("path")) {
            String value;
            if (op.path().endsWith("/users/{" + parameter.name() + "}")) {
                // Writes to a user go to the expendable self account; reads may name anyone.
                if (!safe) {
                    caller = fixture.self;
                }
                value = safe ? fixture.attacker.id() : fixture.self.id();
            } else if (op.path().contains("/todos/{")) {
                value = fixture.attackerTodos.get(random.nextInt(fixture.attackerTodos.size()));
            } else if (op.path().contains("/users/{")) {
                value = caller == fixture.admin ? fixture.bystander.id() : fixture.attacker.id();
            } else {
                value = "x";
            }
            probe.path.put(parameter.name(), value);
        }
        for (Parameter parameter : op.parameters("query")) {
            if (parameter.required()) {
                probe.query(parameter.name(), urlEncode(validText(parameter.name(), parameter.schema())));
            }
        }
        probe.header("Accept", "application/json");
        if (op.secured()) {
            probe.header("Authorization", "Bearer " + caller.token());
        }
        String media = bodyMedia(op);
        if (media != null) {
            probe.header("Content-Type", media);
            probe.body = media.equals(FORM) ? validForm(op.bodies().get(FORM)).getBytes(StandardCharsets.UTF_8)
                    : utf8(render(validMembers(bodySchema(op, media), Variant.ANY)));
        }
        return probe;
    }

    /** JSON when the operation takes it (the richer format to break), else the first media type it declares. */
    private static String bodyMedia(Operation op) {
        if (!op.hasBody()) {
            return null;
        }
        return op.bodies().containsKey(JSON) ? JSON : op.bodies().keySet().iterator().next();
    }

    private Schema bodySchema(Operation op, String media) {
        Schema schema = op.bodies().get(media);
        if ("JsonNode".equals(schema.name())) {
            Operation put = byKey.get("PUT " + op.path());
            if (put != null && put.bodies().containsKey(JSON)) {
                return put.bodies().get(JSON);
            }
        }
        return schema;
    }

    private enum Variant { ANY, SINGLE, BATCH }

    /** Member name to JSON text, or to a list of such maps for an array of objects. */
    private Map<String, Object> validMembers(Schema schema, Variant variant) {
        Map<String, Object> members = new LinkedHashMap<>();
        boolean hasBatch = schema.properties().values().stream().anyMatch(BadRequestGenerator::isObjectArray);
        boolean hasSingle = schema.properties().values().stream().anyMatch(s -> !isObjectArray(s));
        boolean either = hasBatch && hasSingle;
        Variant chosen = either && variant == Variant.ANY ? (random.nextBoolean() ? Variant.SINGLE : Variant.BATCH) : variant;
        schema.properties().forEach((name, property) -> {
            if (isObjectArray(property)) {
                if (!either || chosen == Variant.BATCH) {
                    members.put(name, new ArrayList<>(List.of(validMembers(property.items(), Variant.ANY))));
                }
            } else if (!either || chosen == Variant.SINGLE) {
                members.put(name, validJson(name, property));
            }
        });
        return members;
    }

    private static boolean isObjectArray(Schema schema) {
        return "array".equals(schema.type()) && schema.items() != null && schema.items().isObject();
    }

    private String validJson(String name, Schema schema) {
        return switch (schema.type() == null ? "string" : schema.type()) {
            case "integer" -> Long.toString(schema.minimum() != null && schema.maximum() != null
                    ? (long) ((schema.minimum() + schema.maximum()) / 2) : schema.minimum() != null ? schema.minimum().longValue() : 1);
            case "number" -> name.equals("lat") ? "51.5" : name.equals("lng") ? "-0.12" : "5.0";
            case "boolean" -> "true";
            case "array" -> "[" + (schema.items() == null ? "" : validJson(name, schema.items())) + "]";
            case "object" -> render(validMembers(schema, Variant.ANY));
            default -> quote(validText(name, schema));
        };
    }

    private String validText(String name, Schema schema) {
        if (!schema.enumValues().isEmpty()) {
            return schema.enumValues().getFirst();
        }
        if (schema.pattern() != null) {
            return "bad-input-" + (++names) + "-" + Integer.toHexString(random.nextInt(0xffff));
        }
        if (schema.minLength() != null && schema.minLength() >= 8 || name.equals("password")) {
            return Accounts.PASSWORD;
        }
        if (name.equals("grant_type")) {
            return "password";
        }
        if (name.equals("username")) {
            return fixture.attacker.userName();
        }
        if (isTime(name)) {
            return Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
        }
        return "bad input " + name;
    }

    private static boolean isTime(String name) {
        return name.endsWith("_at") || name.equals("deadline") || name.endsWith("_before") || name.equals("from")
                || name.equals("to");
    }

    private String validForm(Schema schema) {
        return schema.properties().entrySet().stream()
                .map(e -> e.getKey() + "=" + urlEncode(validText(e.getKey(), e.getValue())))
                .collect(Collectors.joining("&"));
    }

    // ---- what can be bad, per operation ----

    private List<Family> families(Operation op) {
        List<Family> families = new ArrayList<>();
        for (Parameter parameter : op.parameters()) {
            switch (parameter.in()) {
                case "query" -> families.addAll(queryFamilies(parameter));
                case "path" -> families.addAll(pathFamilies(parameter));
                case "header" -> families.addAll(headerFamilies(parameter));
                default -> { }
            }
        }
        families.add(new Family("query string", new Kind("malformed query string", List.of("&&&", "=x", "%=x", "%ff=1",
                "%ff", "a=1&&b", "?", "%ED%A0%80=1", "==", "x=%", "%")), (p, v) -> p.query(v, null)));
        families.add(new Family("query string", new Kind("undeclared parameter", List.of("zzz=1", "limit%00=1",
                "LIMIT=1", "id=1", "owner_id=" + fixture.bystander.id())), (p, v) -> p.query(v, null)));
        String media = bodyMedia(op);
        if (media != null && !media.equals(FORM)) {
            families.addAll(jsonBodyFamilies(op, bodySchema(op, media)));
        }
        if (op.bodies().containsKey(FORM)) {
            families.addAll(formFamilies(op.bodies().get(FORM)));
        }
        if (op.hasBody()) {
            families.addAll(contentTypeFamilies());
        }
        families.addAll(acceptFamilies());
        families.addAll(credentialFamilies(op));
        families.addAll(methodAndPathFamilies(op));
        return families;
    }

    private List<Family> queryFamilies(Parameter parameter) {
        String name = parameter.name();
        String target = "query " + name;
        List<Family> families = new ArrayList<>();
        Schema schema = parameter.schema();
        List<Kind> kinds = "integer".equals(schema.type()) ? BadValues.URL_INTEGER : BadValues.URL_STRING;
        kinds.forEach(kind -> families.add(new Family(target, kind, (p, v) -> p.query(name, v))));
        families.add(new Family(target, new Kind("repeated parameter", List.of("1", "x")),
                (p, v) -> p.query(name, v).query(name, v + "2")));
        families.add(new Family(target, new Kind("name without '='", List.of("")), (p, v) -> p.query(name, null)));
        if ("array".equals(schema.type())) {
            families.add(new Family(target, new Kind("many values", List.of("150", "1000")), (p, v) -> {
                for (int i = 0; i < Integer.parseInt(v); i++) {
                    p.query(name, i % 2 == 0 ? fixture.bystander.id() : "u" + i);
                }
            }));
        }
        return families;
    }

    private List<Family> pathFamilies(Parameter parameter) {
        String name = parameter.name();
        String target = "path " + name;
        List<Family> families = new ArrayList<>();
        for (Kind kind : BadValues.URL_STRING) {
            families.add(new Family(target, kind, (p, v) -> p.path.put(name, v)));
        }
        families.add(new Family(target, BadValues.PATH_TRICKS, (p, v) -> p.path.put(name, v)));
        families.add(new Family(target, new Kind("someone else's id", List.of("bystander")), (p, v) ->
                p.path.put(name, p.template.contains("/todos/") ? fixture.bystanderTodos.getFirst() : fixture.bystander.id())));
        return families;
    }

    private List<Family> headerFamilies(Parameter parameter) {
        String name = parameter.name();
        String target = "header " + name;
        List<Family> families = new ArrayList<>();
        BadValues.HEADER_VALUE.forEach(kind -> families.add(new Family(target, kind, (p, v) -> p.replaceHeader(name, v))));
        families.add(new Family(target, new Kind("repeated header", List.of("\"1\"", "k")),
                (p, v) -> p.replaceHeader(name, v).header(name, v + "2")));
        return families;
    }

    private List<Family> jsonBodyFamilies(Operation op, Schema schema) {
        List<Family> families = new ArrayList<>();
        Variant variantForTopLevel = schema.properties().values().stream().anyMatch(BadRequestGenerator::isObjectArray)
                ? Variant.SINGLE : Variant.ANY;
        schema.properties().forEach((name, property) -> {
            if (isObjectArray(property)) {
                for (Kind kind : arrayKinds()) {
                    families.add(member(schema, Variant.BATCH, List.of(name), kind));
                }
                families.add(new Family("body." + name, new Kind("oversized array", List.of("1001", "5000")), (p, v) -> {
                    Map<String, Object> body = validMembers(schema, Variant.BATCH);
                    Map<String, Object> item = validMembers(property.items(), Variant.ANY);
                    body.put(name, new ArrayList<>(Collections.nCopies(Integer.parseInt(v), item)));
                    p.body = utf8(render(body));
                }));
                property.items().properties().forEach((itemName, itemSchema) -> {
                    for (Kind kind : memberKinds(itemSchema)) {
                        families.add(member(schema, Variant.BATCH, List.of(name, itemName), kind));
                    }
                });
            } else {
                for (Kind kind : memberKinds(property)) {
                    families.add(member(schema, variantForTopLevel, List.of(name), kind));
                }
            }
        });
        for (String required : schema.required()) {
            families.add(new Family("body." + required, new Kind("required member missing", List.of("")), (p, v) -> {
                Map<String, Object> body = validMembers(schema, Variant.ANY);
                body.remove(required);
                p.body = utf8(render(body));
            }));
        }
        for (Kind kind : BadValues.JSON_DOCUMENT) {
            families.add(new Family("body", kind, (p, v) -> p.body = utf8(v)));
        }
        families.add(new Family("body", new Kind("undeclared member", List.of("\"zz_unknown\":1", "\"id\":\"x\"",
                "\"owner_id\":\"" + fixture.bystander.id() + "\"", "\"version\":99", "\"created_at\":\"2020-01-01T00:00:00Z\"",
                "\"role\":\"admin\"", "\"\":1")), (p, v) -> p.body = utf8(withMember(render(validMembers(schema, Variant.ANY)), v))));
        families.add(new Family("body", new Kind("duplicate member", List.of("first")), (p, v) -> {
            String valid = render(validMembers(schema, Variant.ANY));
            String first = valid.length() > 2 ? valid.substring(1, valid.length() - 1).split(",")[0] : "\"a\":1";
            p.body = utf8(withMember(valid, first));
        }));
        families.add(new Family("body", new Kind("wide object (5,000 members)", List.of("5000")), (p, v) -> p.body = utf8(
                "{" + IntStream.range(0, 5000).mapToObj(i -> "\"m" + i + "\":" + i).collect(Collectors.joining(",")) + "}")));
        families.add(new Family("body", new Kind("oversized body (over 1 MiB)", List.of("1100000")), (p, v) -> p.body = utf8(
                withMember(render(validMembers(schema, Variant.ANY)), "\"zz_padding\":\"" + "x".repeat(Integer.parseInt(v)) + "\""))));
        families.add(new Family("body", new Kind("invalid UTF-8 in a string", List.of("ff", "c0af", "eda080", "80", "e282")),
                (p, v) -> p.body = withRawBytes(render(validMembers(schema, Variant.ANY)), hex(v))));
        families.add(new Family("body", new Kind("byte order mark or UTF-16", List.of("bom", "utf-16", "utf-16le", "utf-32")),
                (p, v) -> p.body = encoded(render(validMembers(schema, Variant.ANY)), v)));
        return families;
    }

    private Family member(Schema schema, Variant variant, List<String> path, Kind kind) {
        return new Family("body." + String.join("[0].", path), kind, (p, v) -> {
            Map<String, Object> body = validMembers(schema, variant);
            if (path.size() == 1) {
                body.put(path.getFirst(), v);
            } else {
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> items = (List<Map<String, Object>>) body.get(path.getFirst());
                Map<String, Object> item = new LinkedHashMap<>(items.getFirst());
                item.put(path.get(1), v);
                items.set(0, item);
            }
            p.body = utf8(render(body));
        });
    }

    private static List<Kind> memberKinds(Schema schema) {
        List<Kind> kinds = new ArrayList<>();
        kinds.add(BadValues.JSON_NULL);
        switch (schema.type() == null ? "string" : schema.type()) {
            case "integer", "number" -> {
                kinds.addAll(List.of(BadValues.JSON_NOT_NUMBER, BadValues.JSON_NOT_JSON_NUMBER, BadValues.JSON_HUGE_NUMBER));
                List<String> bounds = new ArrayList<>(List.of("90", "-90", "90.000001", "-90.000001", "180", "-180",
                        "180.000001", "0.1234567", "1.0e2", "-0.000001", "1.5"));
                if (schema.minimum() != null) {
                    bounds.addAll(List.of(number(schema.minimum() - 1), number(schema.minimum())));
                }
                if (schema.maximum() != null) {
                    bounds.addAll(List.of(number(schema.maximum()), number(schema.maximum() + 1)));
                }
                kinds.add(new Kind("boundary", bounds));
            }
            case "array" -> kinds.addAll(arrayKinds());
            case "boolean" -> kinds.add(BadValues.JSON_NOT_NUMBER);
            default -> {
                kinds.addAll(List.of(BadValues.JSON_NOT_STRING, BadValues.JSON_EMPTY_STRING, BadValues.JSON_OVERSIZED_STRING,
                        BadValues.JSON_CONTROL, BadValues.JSON_LONE_SURROGATE, BadValues.JSON_UNICODE,
                        BadValues.JSON_INJECTION, BadValues.JSON_TIME_LIKE));
                List<String> lengths = new ArrayList<>();
                if (schema.maxLength() != null) {
                    int max = schema.maxLength().intValue();
                    // Characters of 1, 2 and 4 bytes in UTF-8 (the last also 2 UTF-16 units): limits in bytes show.
                    lengths.addAll(List.of(quote("x".repeat(max)), quote("x".repeat(max + 1)), quote("é".repeat(max)),
                            quote("😀".repeat(max / 2)), quote("😀".repeat(max))));
                }
                if (schema.minLength() != null && schema.minLength() > 0) {
                    int min = schema.minLength().intValue();
                    lengths.addAll(List.of(quote("x".repeat(min - 1)), quote("x".repeat(min)), quote(" ".repeat(min))));
                }
                if (!lengths.isEmpty()) {
                    kinds.add(new Kind("boundary length", lengths));
                }
                if (!schema.enumValues().isEmpty()) {
                    kinds.add(BadValues.JSON_ENUM_CASE);
                }
                if (schema.pattern() != null) {
                    kinds.add(BadValues.JSON_PATTERN);
                }
            }
        }
        return kinds;
    }

    private static List<Kind> arrayKinds() {
        return List.of(BadValues.JSON_NULL, BadValues.JSON_EMPTY_ARRAY, BadValues.JSON_ITEMS_WRONG,
                new Kind("wrong type (not an array)", List.of("\"x\"", "{}", "1", "true")));
    }

    private List<Family> formFamilies(Schema schema) {
        List<Family> families = new ArrayList<>();
        List<Kind> kinds = BadValues.URL_STRING.stream().filter(k -> !k.name().equals("time-like")
                && !k.name().equals("cursor-like")).toList();
        for (String name : schema.properties().keySet()) {
            for (Kind kind : kinds) {
                families.add(new Family("form " + name, kind, (p, v) -> {
                    p.replaceHeader("Content-Type", FORM);
                    p.body = latin1(validForm(schema).replaceFirst("(^|&)" + name + "=[^&]*", "$1" + name + "=" + quoteReplacement(v)));
                }));
            }
            families.add(new Family("form " + name, new Kind("repeated field", List.of("x")), (p, v) -> {
                p.replaceHeader("Content-Type", FORM);
                p.body = latin1(validForm(schema) + "&" + name + "=" + v);
            }));
        }
        families.add(new Family("form", new Kind("malformed form body", List.of("&&&", "=", "%=x", "grant_type",
                "{\"grant_type\":\"password\"}", "%ff", "a=%", "\u00ff=\u00ff")), (p, v) -> {
            p.replaceHeader("Content-Type", FORM);
            p.body = latin1(v);
        }));
        families.add(new Family("form", new Kind("oversized form body (over 1 MiB)", List.of("1100000")), (p, v) -> {
            p.replaceHeader("Content-Type", FORM);
            p.body = latin1(validForm(schema) + "&pad=" + "x".repeat(Integer.parseInt(v)));
        }));
        return families;
    }

    private static List<Family> contentTypeFamilies() {
        String target = "Content-Type";
        List<Family> families = new ArrayList<>();
        List.of(new Kind("wildcard media type", List.of("*/*", "application/*", "*/*; charset=utf-8")),
                new Kind("malformed media type", List.of("application/json;", "application/json; charset", ";", "/",
                        "application/", "json", "application/json; charset=\"", "application/json;;;q=1",
                        "application/json, text/plain", "*/json", "application /json", "application/json; a=b; a=c",
                        "application/json; charset=utf-8; charset=latin1")),
                new Kind("unsupported media type", List.of("text/plain", "application/xml", "text/html",
                        "application/octet-stream", "multipart/form-data; boundary=x", "multipart/form-data",
                        "application/vnd.api+json", "application/problem+json", "application/cbor")),
                new Kind("odd charset", List.of("application/json; charset=bogus", "application/json; charset=ISO-8859-1",
                        "application/json; charset=UTF-16", "application/json; charset=\u00ff", "application/json; charset=")),
                new Kind("raw non-ASCII bytes", List.of("application/json\u00ff", "\u00e9/\u00e9")),
                new Kind("empty", List.of("")))
                .forEach(kind -> families.add(new Family(target, kind, (p, v) -> p.replaceHeader("Content-Type", v))));
        families.add(new Family(target, new Kind("missing with a body", List.of("")), (p, v) -> p.removeHeader("Content-Type")));
        families.add(new Family(target, new Kind("repeated header", List.of("text/plain", "application/json")),
                (p, v) -> p.header("Content-Type", v)));
        return families;
    }

    private static List<Family> acceptFamilies() {
        List<Family> families = new ArrayList<>();
        List.of(new Kind("wildcard media type", List.of("*/*", "application/*", "*")),
                new Kind("unsupported media type", List.of("text/html", "application/xml", "image/png", "text/plain",
                        "application/pdf", "text/event-stream")),
                new Kind("malformed media type", List.of(";;", "application/json;q=abc", "/", "*/json", "application",
                        "text/html;q=2", ",", "application/json;q=")),
                new Kind("problem+json only", List.of("application/problem+json")),
                new Kind("raw non-ASCII bytes", List.of("\u00ff/\u00ff", "application/json\u00e9")))
                .forEach(kind -> families.add(new Family("Accept", kind, (p, v) -> p.replaceHeader("Accept", v))));
        return families;
    }

    private List<Family> credentialFamilies(Operation op) {
        List<Family> families = new ArrayList<>();
        if (op.secured()) {
            fixture.invalidCredentials.forEach((what, value) -> families.add(new Family("Authorization",
                    new Kind(what, List.of(value == null ? "" : value)),
                    (p, v) -> p.replaceHeader("Authorization", value), true)));
            families.add(new Family("Authorization", new Kind("lower-case scheme", List.of("bearer")),
                    (p, v) -> p.replaceHeader("Authorization", p.header("Authorization").replaceFirst("^Bearer", v))));
            families.add(new Family("Authorization", new Kind("repeated header", List.of("same")),
                    (p, v) -> p.header("Authorization", p.header("Authorization"))));
        } else {
            families.add(new Family("Authorization", new Kind("bad credential on a public operation", List.of(
                    "Bearer garbage", "Basic x", fixture.invalidCredentials.get("expired (signed)"),
                    fixture.invalidCredentials.get("without exp (signed)"))), (p, v) -> p.replaceHeader("Authorization", v)));
        }
        return families;
    }

    private List<Family> methodAndPathFamilies(Operation op) {
        List<String> undeclared = METHODS.stream().filter(m -> !byKey.containsKey(m + " " + op.path())).sorted().toList();
        List<Family> families = new ArrayList<>();
        if (!undeclared.isEmpty()) {
            families.add(new Family("method", new Kind("undeclared method", undeclared),
                    (p, v) -> p.rawEdits.add(r -> r.method(v))));
        }
        families.add(new Family("path", new Kind("path variant", List.of("trailing slash", "double slash", "upper case",
                "dot segment", "encoded dot segment", "matrix parameter", "encoded slash", "extra segment", "fragment")),
                (p, v) -> p.rawEdits.add(r -> r.target(pathVariant(r.target(), v)))));
        return families;
    }

    private static String pathVariant(String target, String variant) {
        int query = target.indexOf('?');
        String path = query < 0 ? target : target.substring(0, query);
        String rest = query < 0 ? "" : target.substring(query);
        String changed = switch (variant) {
            case "trailing slash" -> path + "/";
            case "double slash" -> "/" + path;
            case "upper case" -> path.toUpperCase(Locale.ROOT);
            case "dot segment" -> "/./" + path.substring(1);
            case "encoded dot segment" -> "/%2e/" + path.substring(1);
            case "matrix parameter" -> path + ";jsessionid=x";
            case "encoded slash" -> path.replaceFirst("/", "%2F");
            case "extra segment" -> path + "/extra";
            case "fragment" -> path + "#frag";
            default -> throw new IllegalArgumentException(variant);
        };
        return changed + rest;
    }

    /** Malformations of the request itself, the same for every operation. */
    private List<Family> requestLevel() {
        List<Family> families = new ArrayList<>();
        families.add(raw("oversized request line (70 KB query string)", r -> r.target(r.target()
                + (r.target().contains("?") ? "&" : "?") + "q=" + "x".repeat(70_000))));
        families.add(raw("oversized request line (70 KB path)", r -> r.target(r.target() + "/" + "x".repeat(70_000))));
        families.add(raw("oversized header (70 KB)", r -> r.header("X-Filler", "x".repeat(70_000))));
        families.add(raw("too many headers (150)", r -> IntStream.range(0, 150).forEach(i -> r.header("X-H" + i, "v"))));
        families.add(raw("header line without colon", r -> r.rawHeaderLine("NoColonHere")));
        families.add(raw("header name with a space", r -> r.rawHeaderLine("Bad Name: x")));
        families.add(raw("obs-fold continuation line", r -> r.header("X-A", "a").rawHeaderLine(" folded")));
        families.add(raw("NUL in a header value", r -> r.header("X-A", "a\u0000b")));
        families.add(raw("CR in a header value", r -> r.header("X-A", "a\rb")));
        families.add(raw("unknown method", r -> r.method("FOO")));
        families.add(raw("lower-case method", r -> r.method(r.method().toLowerCase(Locale.ROOT))));
        families.add(raw("HTTP/1.0 without Host", r -> r.version("HTTP/1.0").withoutHost()));
        families.add(raw("HTTP/1.1 without Host", RawHttp.Request::withoutHost));
        families.add(raw("two Host headers", r -> r.header("Host", authority).header("Host", "other.invalid")));
        families.add(raw("bad HTTP version (HTTP/9.9)", r -> r.version("HTTP/9.9")));
        families.add(raw("bad HTTP version (HTTP/1.1x)", r -> r.version("HTTP/1.1x")));
        families.add(raw("bad HTTP version (http/1.1)", r -> r.version("http/1.1")));
        families.add(raw("absolute-form target", r -> r.target("http://" + authority + r.target())));
        families.add(raw("target without leading slash", r -> r.target(r.target().substring(1))));
        families.add(raw("asterisk target", r -> r.target("*")));
        families.add(raw("raw space in the query", r -> r.target(r.target() + (r.target().contains("?") ? "&" : "?") + "q=a b")));
        families.add(raw("tab in the request line", r -> r.requestLine(r.method() + "\t" + r.target() + " HTTP/1.1")));
        families.add(raw("raw control byte in the path", r -> r.target(r.target() + "\u0001")));
        families.add(raw("chunked body with a bad chunk size", r -> r.removeHeader("Content-Length")
                .header("Transfer-Encoding", "chunked").withoutContentLength().body("zz\r\n{}\r\n0\r\n\r\n")));
        families.add(raw("Content-Length and Transfer-Encoding", r -> r.header("Transfer-Encoding", "chunked")
                .header("Content-Length", "5").body("2\r\n{}\r\n0\r\n\r\n")));
        families.add(raw("unknown Transfer-Encoding", r -> r.header("Transfer-Encoding", "foo").withoutContentLength().body("{}")));
        families.add(raw("negative Content-Length", r -> r.header("Content-Length", "-1").withoutContentLength().body("{}")));
        families.add(raw("non-numeric Content-Length", r -> r.header("Content-Length", "abc").withoutContentLength().body("{}")));
        families.add(raw("two different Content-Lengths", r -> r.header("Content-Length", "2").header("Content-Length", "3")
                .withoutContentLength().body("{}")));
        families.add(raw("Content-Length larger than the body", r -> r.header("Content-Length", "100")
                .withoutContentLength().body("{}")));
        families.add(raw("unsupported Expect", r -> r.header("Expect", "something-else")));
        return families;
    }

    private static Family raw(String kind, Consumer<RawHttp.Request> edit) {
        return new Family("request", new Kind(kind, List.of("")), (p, v) -> p.rawEdits.add(edit));
    }

    // ---- JSON and encoding helpers ----

    @SuppressWarnings("unchecked")
    private static String render(Map<String, Object> members) {
        return members.entrySet().stream().map(e -> quote(e.getKey()) + ":" + (e.getValue() instanceof List<?> items
                        ? items.stream().map(item -> render((Map<String, Object>) item)).collect(Collectors.joining(",", "[", "]"))
                        : e.getValue()))
                .collect(Collectors.joining(",", "{", "}"));
    }

    private static String withMember(String object, String member) {
        return object.equals("{}") ? "{" + member + "}" : object.substring(0, object.length() - 1) + "," + member + "}";
    }

    /** The JSON text with these bytes spliced into its first string value. */
    private static byte[] withRawBytes(String json, byte[] bytes) {
        int quote = json.indexOf(":\"");
        if (quote < 0) {
            json = withMember(json, "\"zz\":\"x\"");
            quote = json.indexOf(":\"");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(utf8(json.substring(0, quote + 2)));
        out.writeBytes(bytes);
        out.writeBytes(utf8(json.substring(quote + 2)));
        return out.toByteArray();
    }

    private static byte[] encoded(String json, String how) {
        return switch (how) {
            case "bom" -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.writeBytes(hex("efbbbf"));
                out.writeBytes(utf8(json));
                yield out.toByteArray();
            }
            case "utf-16" -> json.getBytes(StandardCharsets.UTF_16);
            case "utf-16le" -> json.getBytes(StandardCharsets.UTF_16LE);
            case "utf-32" -> json.getBytes(Charset.forName("UTF-32"));
            default -> throw new IllegalArgumentException(how);
        };
    }

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.append('"').toString();
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private static String urlEncode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String quoteReplacement(String text) {
        return Matcher.quoteReplacement(text);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Chars up to U+00FF as single bytes: how form values carry raw bytes. */
    private static byte[] latin1(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
