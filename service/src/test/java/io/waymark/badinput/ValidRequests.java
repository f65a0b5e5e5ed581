package io.waymark.badinput;

import static io.waymark.badinput.JsonText.quote;
import static io.waymark.badinput.JsonText.render;
import static io.waymark.badinput.JsonText.urlEncode;
import static io.waymark.badinput.JsonText.utf8;

import io.waymark.testing.Accounts;
import io.waymark.testing.OpenApiDocument.Operation;
import io.waymark.testing.OpenApiDocument.Parameter;
import io.waymark.testing.OpenApiDocument.Schema;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * The valid request for each operation, from its schemas: ids of the fixture's accounts and of the
 * members it made in the path (by the collection before the variable, as declared), a token, and a
 * body with a valid value for every member. Two things the document cannot say are filled in from
 * its own shapes: a body with both single-item members and an array of such items is "one item or a
 * batch", never both; and a merge-patch body that springdoc describes as a Jackson {@code JsonNode}
 * takes the members of the PUT body on the same path.
 */
final class ValidRequests {

    static final String JSON = "application/json";
    static final String FORM = "application/x-www-form-urlencoded";

    private final Map<String, Operation> byKey;
    private final Fixture fixture;
    private final Random random;
    private int names;

    ValidRequests(Map<String, Operation> byKey, Fixture fixture, Random random) {
        this.byKey = byKey;
        this.fixture = fixture;
        this.random = random;
    }

    /** The valid request for this operation that a probe then makes bad in one place. */
    Probe base(Operation op) {
        Probe probe = new Probe(op.method(), op.path());
        boolean safe = op.method().equals("GET") || op.method().equals("HEAD");
        Accounts.Account caller = safe && random.nextBoolean() ? fixture.admin : fixture.attacker;
        for (Parameter parameter : op.parameters("path")) {
            String variable = "/{" + parameter.name() + "}";
            String collection = op.path().substring(0, op.path().indexOf(variable));
            String value;
            if (fixture.isOwned(collection)) {
                List<String> members = fixture.attackerMembers(collection);
                value = members.get(random.nextInt(members.size()));
            } else if (op.path().endsWith(variable)) {
                // An account itself: writes go to the expendable self account; reads may name
                // anyone.
                if (!safe) {
                    caller = fixture.self;
                }
                value = safe ? fixture.attacker.id() : fixture.self.id();
            } else {
                // Something of an account's.
                value = caller == fixture.admin ? fixture.bystander.id() : fixture.attacker.id();
            }
            probe.path.put(parameter.name(), value);
        }
        for (Parameter parameter : op.parameters("query")) {
            if (parameter.required()) {
                probe.query(
                        parameter.name(),
                        urlEncode(validText(parameter.name(), parameter.schema())));
            }
        }
        probe.header("Accept", "application/json");
        if (op.secured()) {
            probe.header("Authorization", "Bearer " + caller.token());
        }
        String media = bodyMedia(op);
        if (media != null) {
            probe.header("Content-Type", media);
            probe.body =
                    media.equals(FORM)
                            ? validForm(op.bodies().get(FORM)).getBytes(StandardCharsets.UTF_8)
                            : utf8(render(validMembers(bodySchema(op, media), Variant.ANY)));
        }
        return probe;
    }

    /**
     * JSON when the operation takes it (the richer format to break), else the first media type it
     * declares.
     */
    static String bodyMedia(Operation op) {
        if (!op.hasBody()) {
            return null;
        }
        return op.bodies().containsKey(JSON) ? JSON : op.bodies().keySet().iterator().next();
    }

    Schema bodySchema(Operation op, String media) {
        Schema schema = op.bodies().get(media);
        if ("JsonNode".equals(schema.name())) {
            Operation put = byKey.get("PUT " + op.path());
            if (put != null && put.bodies().containsKey(JSON)) {
                return put.bodies().get(JSON);
            }
        }
        return schema;
    }

    /** Which shape of a "one item or a batch" body: either, the single item, or the batch. */
    enum Variant {
        ANY,
        SINGLE,
        BATCH
    }

    /** Member name to JSON text, or to a list of such maps for an array of objects. */
    Map<String, Object> validMembers(Schema schema, Variant variant) {
        Map<String, Object> members = new LinkedHashMap<>();
        boolean hasBatch =
                schema.properties().values().stream().anyMatch(ValidRequests::isObjectArray);
        boolean hasSingle = schema.properties().values().stream().anyMatch(s -> !isObjectArray(s));
        boolean either = hasBatch && hasSingle;
        Variant chosen =
                either && variant == Variant.ANY
                        ? (random.nextBoolean() ? Variant.SINGLE : Variant.BATCH)
                        : variant;
        schema.properties()
                .forEach(
                        (name, property) -> {
                            if (isObjectArray(property)) {
                                if (!either || chosen == Variant.BATCH) {
                                    members.put(
                                            name,
                                            new ArrayList<>(
                                                    List.of(
                                                            validMembers(
                                                                    property.items(),
                                                                    Variant.ANY))));
                                }
                            } else if (!either || chosen == Variant.SINGLE) {
                                members.put(name, validJson(name, property));
                            }
                        });
        return members;
    }

    static boolean isObjectArray(Schema schema) {
        return "array".equals(schema.type()) && schema.items() != null && schema.items().isObject();
    }

    private String validJson(String name, Schema schema) {
        return switch (schema.type() == null ? "string" : schema.type()) {
            case "integer" ->
                    Long.toString(
                            schema.minimum() != null && schema.maximum() != null
                                    ? (long) ((schema.minimum() + schema.maximum()) / 2)
                                    : schema.minimum() != null ? schema.minimum().longValue() : 1);
            case "number" -> name.equals("lat") ? "51.5" : name.equals("lng") ? "-0.12" : "5.0";
            case "boolean" -> "true";
            case "array" ->
                    "[" + (schema.items() == null ? "" : validJson(name, schema.items())) + "]";
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
            return Instant.now()
                    .minus(1, ChronoUnit.HOURS)
                    .truncatedTo(ChronoUnit.SECONDS)
                    .toString();
        }
        return "bad input " + name;
    }

    private static boolean isTime(String name) {
        return name.endsWith("_at")
                || name.equals("deadline")
                || name.endsWith("_before")
                || name.equals("from")
                || name.equals("to");
    }

    String validForm(Schema schema) {
        return schema.properties().entrySet().stream()
                .map(e -> e.getKey() + "=" + urlEncode(validText(e.getKey(), e.getValue())))
                .collect(Collectors.joining("&"));
    }
}
