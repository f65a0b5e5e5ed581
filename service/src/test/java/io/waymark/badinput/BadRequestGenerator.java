package io.waymark.badinput;

import static io.waymark.badinput.JsonText.encoded;
import static io.waymark.badinput.JsonText.hex;
import static io.waymark.badinput.JsonText.latin1;
import static io.waymark.badinput.JsonText.number;
import static io.waymark.badinput.JsonText.quote;
import static io.waymark.badinput.JsonText.quoteReplacement;
import static io.waymark.badinput.JsonText.render;
import static io.waymark.badinput.JsonText.utf8;
import static io.waymark.badinput.JsonText.withMember;
import static io.waymark.badinput.JsonText.withRawBytes;
import static io.waymark.badinput.ValidRequests.FORM;

import io.waymark.badinput.BadValues.Kind;
import io.waymark.badinput.ValidRequests.Variant;
import io.waymark.testing.OpenApiDocument;
import io.waymark.testing.OpenApiDocument.Operation;
import io.waymark.testing.OpenApiDocument.Parameter;
import io.waymark.testing.OpenApiDocument.Schema;
import io.waymark.testing.RawHttp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Bad requests for every operation of the OpenAPI document: for each parameter and body member,
 * each kind of bad value that fits its type; for each operation, odd media types, credentials,
 * methods and paths; and request-level malformations (framing, request line, oversized parts). A
 * systematic pass sends every (operation, target, kind) once with a value picked by the seeded
 * random (every value, for boundaries); a random pass then adds more of the same families. Same
 * seed, same requests.
 *
 * <p>Each probe starts from the operation's valid request ({@link ValidRequests}).
 */
final class BadRequestGenerator {

    /**
     * Bounds are where validation and storage disagree: every value of these kinds is sent, the
     * rest sampled.
     */
    private static final Set<String> EXHAUSTIVE =
            Set.of(
                    "boundary",
                    "boundary length",
                    BadValues.JSON_ENUM_BY_POSITION.name(),
                    BadValues.JSON_FRACTION.name(),
                    BadValues.JSON_NUMBER_IN_STRING.name(),
                    BadValues.JSON_NOT_BOOLEAN.name());

    /** Member types whose values a reader could coerce: a wrong-typed one must be refused. */
    private static final Set<String> SCALAR_TYPES =
            Set.of("string", "integer", "number", "boolean");

    private final List<Operation> operations;
    private final Map<String, Operation> byKey = new LinkedHashMap<>();
    private final Fixture fixture;
    private final Random random;
    private final String authority;
    private final ValidRequests valid;

    BadRequestGenerator(OpenApiDocument document, Fixture fixture, RawHttp http, long seed) {
        this.operations = document.operations();
        this.operations.forEach(op -> byKey.put(op.method() + " " + op.path(), op));
        this.fixture = fixture;
        this.random = new Random(seed);
        this.authority = http.authority();
        this.valid = new ValidRequests(byKey, fixture, random);
    }

    /**
     * The systematic pass, then random probes until there are at least {@code minimum} (and 200
     * random ones).
     */
    List<Probe> generate(int minimum) {
        List<Probe> probes = new ArrayList<>();
        Map<Operation, List<Family>> families = new LinkedHashMap<>();
        for (Operation op : operations) {
            families.put(op, families(op));
        }
        families.forEach(
                (op, list) ->
                        list.forEach(
                                family -> {
                                    if (EXHAUSTIVE.contains(family.kind().name())) {
                                        family.kind()
                                                .values()
                                                .forEach(
                                                        value ->
                                                                probes.add(
                                                                        probe(op, family, value)));
                                    } else {
                                        probes.add(probe(op, family));
                                    }
                                }));
        // Request-level malformations do not depend on the operation: each once, on an operation
        // picked at random.
        for (Family family : Malformations.requestLevel(authority)) {
            probes.add(probe(operations.get(random.nextInt(operations.size())), family));
        }
        int total = Math.max(minimum, probes.size() + 200);
        while (probes.size() < total) {
            Operation op = operations.get(random.nextInt(operations.size()));
            List<Family> list =
                    random.nextInt(10) == 0
                            ? Malformations.requestLevel(authority)
                            : families.get(op);
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
        return probe(
                op,
                family,
                family.kind().values().get(random.nextInt(family.kind().values().size())));
    }

    private Probe probe(Operation op, Family family, String value) {
        Probe probe = valid.base(op);
        family.apply().accept(probe, value);
        probe.describe(family.target(), family.kind().name(), value);
        probe.invalidCredential = family.invalidCredential() && op.secured();
        probe.refusedField = family.refusedField();
        return probe;
    }

    // ---- what can be bad, per operation ----

    private List<Family> families(Operation op) {
        List<Family> families = new ArrayList<>();
        for (Parameter parameter : op.parameters()) {
            switch (parameter.in()) {
                case "query" -> families.addAll(queryFamilies(parameter));
                case "path" -> families.addAll(pathFamilies(parameter));
                case "header" -> families.addAll(headerFamilies(parameter));
                default -> {}
            }
        }
        families.add(
                new Family(
                        "query string",
                        new Kind(
                                "malformed query string",
                                List.of(
                                        "&&&",
                                        "=x",
                                        "%=x",
                                        "%ff=1",
                                        "%ff",
                                        "a=1&&b",
                                        "?",
                                        "%ED%A0%80=1",
                                        "==",
                                        "x=%",
                                        "%")),
                        (p, v) -> p.query(v, null)));
        families.add(
                new Family(
                        "query string",
                        new Kind(
                                "undeclared parameter",
                                List.of(
                                        "zzz=1",
                                        "limit%00=1",
                                        "LIMIT=1",
                                        "id=1",
                                        "owner_id=" + fixture.bystander.id())),
                        (p, v) -> p.query(v, null)));
        String media = ValidRequests.bodyMedia(op);
        if (media != null && !media.equals(FORM)) {
            families.addAll(jsonBodyFamilies(op, valid.bodySchema(op, media)));
        }
        if (op.bodies().containsKey(FORM)) {
            families.addAll(formFamilies(op.bodies().get(FORM)));
        }
        if (op.hasBody()) {
            families.addAll(contentTypeFamilies());
        }
        families.addAll(acceptFamilies());
        families.addAll(credentialFamilies(op));
        families.addAll(Malformations.methodAndPath(op, byKey.keySet()));
        return families;
    }

    private List<Family> queryFamilies(Parameter parameter) {
        String name = parameter.name();
        String target = "query " + name;
        List<Family> families = new ArrayList<>();
        Schema schema = parameter.schema();
        List<Kind> kinds =
                "integer".equals(schema.type()) ? BadValues.URL_INTEGER : BadValues.URL_STRING;
        kinds.forEach(kind -> families.add(new Family(target, kind, (p, v) -> p.query(name, v))));
        families.add(
                new Family(
                        target,
                        new Kind("repeated parameter", List.of("1", "x")),
                        (p, v) -> p.query(name, v).query(name, v + "2")));
        families.add(
                new Family(
                        target,
                        new Kind("name without '='", List.of("")),
                        (p, v) -> p.query(name, null)));
        if ("array".equals(schema.type())) {
            families.add(
                    new Family(
                            target,
                            new Kind("many values", List.of("150", "1000")),
                            (p, v) -> {
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
        families.add(
                new Family(
                        target,
                        new Kind("someone else's id", List.of("bystander")),
                        (p, v) -> p.path.put(name, someoneElses(p.template, name))));
        return families;
    }

    /** The bystander's member of the collection before the variable, or the bystander. */
    private String someoneElses(String template, String variable) {
        String collection = template.substring(0, template.indexOf("/{" + variable + "}"));
        return fixture.isOwned(collection)
                ? fixture.bystanderMembers(collection).getFirst()
                : fixture.bystander.id();
    }

    private List<Family> headerFamilies(Parameter parameter) {
        String name = parameter.name();
        String target = "header " + name;
        List<Family> families = new ArrayList<>();
        BadValues.HEADER_VALUE.forEach(
                kind -> families.add(new Family(target, kind, (p, v) -> p.replaceHeader(name, v))));
        families.add(
                new Family(
                        target,
                        new Kind("repeated header", List.of("\"1\"", "k")),
                        (p, v) -> p.replaceHeader(name, v).header(name, v + "2")));
        return families;
    }

    private List<Family> jsonBodyFamilies(Operation op, Schema schema) {
        List<Family> families = new ArrayList<>();
        Variant variantForTopLevel =
                schema.properties().values().stream().anyMatch(ValidRequests::isObjectArray)
                        ? Variant.SINGLE
                        : Variant.ANY;
        schema.properties()
                .forEach(
                        (name, property) -> {
                            if (ValidRequests.isObjectArray(property)) {
                                for (Kind kind : arrayKinds()) {
                                    families.add(
                                            member(
                                                    schema,
                                                    Variant.BATCH,
                                                    List.of(name),
                                                    property,
                                                    kind));
                                }
                                families.add(
                                        new Family(
                                                "body." + name,
                                                new Kind(
                                                        "oversized array", List.of("1001", "5000")),
                                                (p, v) -> {
                                                    Map<String, Object> body =
                                                            valid.validMembers(
                                                                    schema, Variant.BATCH);
                                                    Map<String, Object> item =
                                                            valid.validMembers(
                                                                    property.items(), Variant.ANY);
                                                    body.put(
                                                            name,
                                                            new ArrayList<>(
                                                                    Collections.nCopies(
                                                                            Integer.parseInt(v),
                                                                            item)));
                                                    p.body = utf8(render(body));
                                                }));
                                property.items()
                                        .properties()
                                        .forEach(
                                                (itemName, itemSchema) -> {
                                                    for (Kind kind : memberKinds(itemSchema)) {
                                                        families.add(
                                                                member(
                                                                        schema,
                                                                        Variant.BATCH,
                                                                        List.of(name, itemName),
                                                                        itemSchema,
                                                                        kind));
                                                    }
                                                });
                            } else {
                                for (Kind kind : memberKinds(property)) {
                                    families.add(
                                            member(
                                                    schema,
                                                    variantForTopLevel,
                                                    List.of(name),
                                                    property,
                                                    kind));
                                }
                            }
                        });
        for (String required : schema.required()) {
            families.add(
                    new Family(
                            "body." + required,
                            new Kind("required member missing", List.of("")),
                            (p, v) -> {
                                Map<String, Object> body = valid.validMembers(schema, Variant.ANY);
                                body.remove(required);
                                p.body = utf8(render(body));
                            }));
        }
        for (Kind kind : BadValues.JSON_DOCUMENT) {
            families.add(new Family("body", kind, (p, v) -> p.body = utf8(v)));
        }
        families.add(
                new Family(
                        "body",
                        new Kind(
                                "undeclared member",
                                List.of(
                                        "\"zz_unknown\":1",
                                        "\"id\":\"x\"",
                                        "\"owner_id\":\"" + fixture.bystander.id() + "\"",
                                        "\"version\":99",
                                        "\"created_at\":\"2020-01-01T00:00:00Z\"",
                                        "\"role\":\"admin\"",
                                        "\"\":1")),
                        (p, v) ->
                                p.body =
                                        utf8(
                                                withMember(
                                                        render(
                                                                valid.validMembers(
                                                                        schema, Variant.ANY)),
                                                        v))));
        families.add(
                new Family(
                        "body",
                        new Kind("duplicate member", List.of("first")),
                        (p, v) -> {
                            String object = render(valid.validMembers(schema, Variant.ANY));
                            String first =
                                    object.length() > 2
                                            ? object.substring(1, object.length() - 1).split(",")[0]
                                            : "\"a\":1";
                            p.body = utf8(withMember(object, first));
                        }));
        families.add(
                new Family(
                        "body",
                        new Kind("wide object (5,000 members)", List.of("5000")),
                        (p, v) ->
                                p.body =
                                        utf8(
                                                "{"
                                                        + IntStream.range(0, 5000)
                                                                .mapToObj(
                                                                        i -> "\"m" + i + "\":" + i)
                                                                .collect(Collectors.joining(","))
                                                        + "}")));
        families.add(
                new Family(
                        "body",
                        new Kind("oversized body (over 1 MiB)", List.of("1100000")),
                        (p, v) ->
                                p.body =
                                        utf8(
                                                withMember(
                                                        render(
                                                                valid.validMembers(
                                                                        schema, Variant.ANY)),
                                                        "\"zz_padding\":\""
                                                                + "x".repeat(Integer.parseInt(v))
                                                                + "\""))));
        families.add(
                new Family(
                        "body",
                        new Kind(
                                "invalid UTF-8 in a string",
                                List.of("ff", "c0af", "eda080", "80", "e282")),
                        (p, v) ->
                                p.body =
                                        withRawBytes(
                                                render(valid.validMembers(schema, Variant.ANY)),
                                                hex(v))));
        families.add(
                new Family(
                        "body",
                        new Kind(
                                "byte order mark or UTF-16",
                                List.of("bom", "utf-16", "utf-16le", "utf-32")),
                        (p, v) ->
                                p.body =
                                        encoded(
                                                render(valid.validMembers(schema, Variant.ANY)),
                                                v)));
        return families;
    }

    private Family member(
            Schema schema, Variant variant, List<String> path, Schema member, Kind kind) {
        String field = String.join("[0].", path);
        boolean neverCoerced =
                BadValues.NEVER_COERCED.contains(kind) && SCALAR_TYPES.contains(member.type());
        return new Family(
                "body." + field,
                kind,
                (p, v) -> {
                    Map<String, Object> body = valid.validMembers(schema, variant);
                    if (path.size() == 1) {
                        body.put(path.getFirst(), v);
                    } else {
                        @SuppressWarnings("unchecked")
                        List<Map<String, Object>> items =
                                (List<Map<String, Object>>) body.get(path.getFirst());
                        Map<String, Object> item = new LinkedHashMap<>(items.getFirst());
                        item.put(path.get(1), v);
                        items.set(0, item);
                    }
                    p.body = utf8(render(body));
                },
                false,
                neverCoerced ? field : null);
    }

    private static List<Kind> memberKinds(Schema schema) {
        List<Kind> kinds = new ArrayList<>();
        kinds.add(BadValues.JSON_NULL);
        switch (schema.type() == null ? "string" : schema.type()) {
            case "integer", "number" -> {
                kinds.addAll(
                        List.of(
                                BadValues.JSON_NOT_NUMBER,
                                BadValues.JSON_NOT_JSON_NUMBER,
                                BadValues.JSON_HUGE_NUMBER));
                List<String> bounds =
                        new ArrayList<>(
                                List.of(
                                        "90",
                                        "-90",
                                        "90.000001",
                                        "-90.000001",
                                        "180",
                                        "-180",
                                        "180.000001",
                                        "0.1234567",
                                        "1.0e2",
                                        "-0.000001",
                                        "1.5"));
                if (schema.minimum() != null) {
                    bounds.addAll(List.of(number(schema.minimum() - 1), number(schema.minimum())));
                }
                if (schema.maximum() != null) {
                    bounds.addAll(List.of(number(schema.maximum()), number(schema.maximum() + 1)));
                }
                kinds.add(new Kind("boundary", bounds));
                kinds.add(BadValues.JSON_NUMBER_IN_STRING);
                if (schema.type().equals("integer")) {
                    kinds.add(BadValues.JSON_FRACTION);
                }
            }
            case "array" -> kinds.addAll(arrayKinds());
            case "boolean" -> kinds.add(BadValues.JSON_NOT_BOOLEAN);
            default -> {
                kinds.addAll(
                        List.of(
                                BadValues.JSON_NOT_STRING,
                                BadValues.JSON_EMPTY_STRING,
                                BadValues.JSON_OVERSIZED_STRING,
                                BadValues.JSON_CONTROL,
                                BadValues.JSON_LONE_SURROGATE,
                                BadValues.JSON_UNICODE,
                                BadValues.JSON_INJECTION,
                                BadValues.JSON_TIME_LIKE));
                List<String> lengths = new ArrayList<>();
                if (schema.maxLength() != null) {
                    int max = schema.maxLength().intValue();
                    // Characters of 1, 2 and 4 bytes in UTF-8 (the last also 2 UTF-16 units):
                    // limits in bytes show.
                    lengths.addAll(
                            List.of(
                                    quote("x".repeat(max)),
                                    quote("x".repeat(max + 1)),
                                    quote("é".repeat(max)),
                                    quote("😀".repeat(max / 2)),
                                    quote("😀".repeat(max))));
                }
                if (schema.minLength() != null && schema.minLength() > 0) {
                    int min = schema.minLength().intValue();
                    lengths.addAll(
                            List.of(
                                    quote("x".repeat(min - 1)),
                                    quote("x".repeat(min)),
                                    quote(" ".repeat(min))));
                }
                if (!lengths.isEmpty()) {
                    kinds.add(new Kind("boundary length", lengths));
                }
                if (!schema.enumValues().isEmpty()) {
                    kinds.add(BadValues.JSON_ENUM_CASE);
                    kinds.add(BadValues.JSON_ENUM_BY_POSITION);
                }
                if (schema.pattern() != null) {
                    kinds.add(BadValues.JSON_PATTERN);
                }
            }
        }
        return kinds;
    }

    private static List<Kind> arrayKinds() {
        return List.of(
                BadValues.JSON_NULL,
                BadValues.JSON_EMPTY_ARRAY,
                BadValues.JSON_ITEMS_WRONG,
                new Kind("wrong type (not an array)", List.of("\"x\"", "{}", "1", "true")));
    }

    private List<Family> formFamilies(Schema schema) {
        List<Family> families = new ArrayList<>();
        List<Kind> kinds =
                BadValues.URL_STRING.stream()
                        .filter(
                                k ->
                                        !k.name().equals("time-like")
                                                && !k.name().equals("cursor-like"))
                        .toList();
        for (String name : schema.properties().keySet()) {
            for (Kind kind : kinds) {
                families.add(
                        new Family(
                                "form " + name,
                                kind,
                                (p, v) -> {
                                    p.replaceHeader("Content-Type", FORM);
                                    p.body =
                                            latin1(
                                                    valid.validForm(schema)
                                                            .replaceFirst(
                                                                    "(^|&)" + name + "=[^&]*",
                                                                    "$1"
                                                                            + name
                                                                            + "="
                                                                            + quoteReplacement(v)));
                                }));
            }
            families.add(
                    new Family(
                            "form " + name,
                            new Kind("repeated field", List.of("x")),
                            (p, v) -> {
                                p.replaceHeader("Content-Type", FORM);
                                p.body = latin1(valid.validForm(schema) + "&" + name + "=" + v);
                            }));
        }
        families.add(
                new Family(
                        "form",
                        new Kind(
                                "malformed form body",
                                List.of(
                                        "&&&",
                                        "=",
                                        "%=x",
                                        "grant_type",
                                        "{\"grant_type\":\"password\"}",
                                        "%ff",
                                        "a=%",
                                        "\u00ff=\u00ff")),
                        (p, v) -> {
                            p.replaceHeader("Content-Type", FORM);
                            p.body = latin1(v);
                        }));
        families.add(
                new Family(
                        "form",
                        new Kind("oversized form body (over 1 MiB)", List.of("1100000")),
                        (p, v) -> {
                            p.replaceHeader("Content-Type", FORM);
                            p.body =
                                    latin1(
                                            valid.validForm(schema)
                                                    + "&pad="
                                                    + "x".repeat(Integer.parseInt(v)));
                        }));
        return families;
    }

    private static List<Family> contentTypeFamilies() {
        String target = "Content-Type";
        List<Family> families = new ArrayList<>();
        List.of(
                        new Kind(
                                "wildcard media type",
                                List.of("*/*", "application/*", "*/*; charset=utf-8")),
                        new Kind(
                                "malformed media type",
                                List.of(
                                        "application/json;",
                                        "application/json; charset",
                                        ";",
                                        "/",
                                        "application/",
                                        "json",
                                        "application/json; charset=\"",
                                        "application/json;;;q=1",
                                        "application/json, text/plain",
                                        "*/json",
                                        "application /json",
                                        "application/json; a=b; a=c",
                                        "application/json; charset=utf-8; charset=latin1")),
                        new Kind(
                                "unsupported media type",
                                List.of(
                                        "text/plain",
                                        "application/xml",
                                        "text/html",
                                        "application/octet-stream",
                                        "multipart/form-data; boundary=x",
                                        "multipart/form-data",
                                        "application/vnd.api+json",
                                        "application/problem+json",
                                        "application/cbor")),
                        new Kind(
                                "odd charset",
                                List.of(
                                        "application/json; charset=bogus",
                                        "application/json; charset=ISO-8859-1",
                                        "application/json; charset=UTF-16",
                                        "application/json; charset=\u00ff",
                                        "application/json; charset=")),
                        new Kind(
                                "raw non-ASCII bytes",
                                List.of("application/json\u00ff", "\u00e9/\u00e9")),
                        new Kind("empty", List.of("")))
                .forEach(
                        kind ->
                                families.add(
                                        new Family(
                                                target,
                                                kind,
                                                (p, v) -> p.replaceHeader("Content-Type", v))));
        families.add(
                new Family(
                        target,
                        new Kind("missing with a body", List.of("")),
                        (p, v) -> p.removeHeader("Content-Type")));
        families.add(
                new Family(
                        target,
                        new Kind("repeated header", List.of("text/plain", "application/json")),
                        (p, v) -> p.header("Content-Type", v)));
        return families;
    }

    private static List<Family> acceptFamilies() {
        List<Family> families = new ArrayList<>();
        List.of(
                        new Kind("wildcard media type", List.of("*/*", "application/*", "*")),
                        new Kind(
                                "unsupported media type",
                                List.of(
                                        "text/html",
                                        "application/xml",
                                        "image/png",
                                        "text/plain",
                                        "application/pdf",
                                        "text/event-stream")),
                        new Kind(
                                "malformed media type",
                                List.of(
                                        ";;",
                                        "application/json;q=abc",
                                        "/",
                                        "*/json",
                                        "application",
                                        "text/html;q=2",
                                        ",",
                                        "application/json;q=")),
                        new Kind("problem+json only", List.of("application/problem+json")),
                        new Kind(
                                "raw non-ASCII bytes",
                                List.of("\u00ff/\u00ff", "application/json\u00e9")))
                .forEach(
                        kind ->
                                families.add(
                                        new Family(
                                                "Accept",
                                                kind,
                                                (p, v) -> p.replaceHeader("Accept", v))));
        return families;
    }

    private List<Family> credentialFamilies(Operation op) {
        List<Family> families = new ArrayList<>();
        if (op.secured()) {
            fixture.invalidCredentials.forEach(
                    (what, value) ->
                            families.add(
                                    new Family(
                                            "Authorization",
                                            new Kind(what, List.of(value == null ? "" : value)),
                                            (p, v) -> p.replaceHeader("Authorization", value),
                                            true)));
            families.add(
                    new Family(
                            "Authorization",
                            new Kind("lower-case scheme", List.of("bearer")),
                            (p, v) ->
                                    p.replaceHeader(
                                            "Authorization",
                                            p.header("Authorization").replaceFirst("^Bearer", v))));
            families.add(
                    new Family(
                            "Authorization",
                            new Kind("repeated header", List.of("same")),
                            (p, v) -> p.header("Authorization", p.header("Authorization"))));
        } else {
            families.add(
                    new Family(
                            "Authorization",
                            new Kind(
                                    "bad credential on a public operation",
                                    List.of(
                                            "Bearer garbage",
                                            "Basic x",
                                            fixture.invalidCredentials.get("expired (signed)"),
                                            fixture.invalidCredentials.get(
                                                    "without exp (signed)"))),
                            (p, v) -> p.replaceHeader("Authorization", v)));
        }
        return families;
    }
}
