package io.waymark.todo;

import io.swagger.v3.oas.annotations.media.Schema;
import io.waymark.shared.ApiException.FieldError;
import io.waymark.shared.InvalidRequestException;
import io.waymark.shared.Rfc3339;
import io.waymark.shared.WireName;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * JSON Merge Patch (RFC 7396) onto a to-do: a member present changes that field, {@code null}
 * removes it. Only description, deadline and place (and a place's label) can be removed; title,
 * status and priority always have a value.
 */
final class TodoMergePatch {

    private static final String NOT_REMOVABLE = "cannot be removed (null): a to-do always has one";

    private TodoMergePatch() {}

    /**
     * The members a patch may have, as the API description shows them (the patch itself is read as
     * a tree, so that a member set to {@code null} and a member left out stay different).
     */
    @Schema(
            name = "TodoPatch",
            additionalProperties = Schema.AdditionalPropertiesValue.FALSE,
            description =
                    "JSON Merge Patch (RFC 7396) of a to-do: members left out keep their value; null removes "
                            + "description or deadline")
    record Members(
            @Schema(minLength = 1, maxLength = TodoRequest.MAX_TITLE) String title,
            @Schema(
                            types = {"string", "null"},
                            maxLength = TodoRequest.MAX_DESCRIPTION)
                    String description,
            @Schema(
                            types = {"string", "null"},
                            format = "date-time")
                    String deadline,
            TodoStatus status,
            @Schema(
                            minimum = "" + TodoRequest.MIN_PRIORITY,
                            maximum = "" + TodoRequest.MAX_PRIORITY)
                    Integer priority,
            @Schema(
                            types = {"object", "null"},
                            implementation = PlaceRequest.class,
                            description =
                                    "merged member by member into the current place; null removes the place")
                    Object place,
            Boolean startOnArrival) {}

    /** The to-do's fields with the patch applied, as a request to validate like a PUT body. */
    static TodoRequest apply(JsonNode patch, Todo current) {
        if (patch == null || !patch.isObject()) {
            throw InvalidRequestException.field("body", "must be a JSON object (a merge patch)");
        }
        String title = current.title();
        String description = current.description();
        String deadline = current.deadline() == null ? null : current.deadline().toString();
        TodoStatus status = current.status();
        Integer priority = current.priority();
        Boolean startOnArrival = current.startOnArrival();
        PlaceRequest place = current.place() == null ? null : PlaceRequest.of(current.place());
        List<FieldError> errors = new ArrayList<>();
        for (Map.Entry<String, JsonNode> member : patch.properties()) {
            String field = member.getKey();
            JsonNode value = member.getValue();
            switch (field) {
                case "title" -> {
                    if (value.isString()) {
                        title = value.asString();
                    } else {
                        errors.add(
                                new FieldError(
                                        field,
                                        value.isNull() ? NOT_REMOVABLE : "must be a string"));
                    }
                }
                case "description" -> {
                    if (value.isNull() || value.isString()) {
                        description = value.isNull() ? null : value.asString();
                    } else {
                        errors.add(new FieldError(field, "must be a string or null"));
                    }
                }
                case "deadline" -> {
                    if (value.isNull() || value.isString()) {
                        deadline = value.isNull() ? null : value.asString();
                    } else {
                        errors.add(new FieldError(field, Rfc3339.MESSAGE));
                    }
                }
                case "status" -> {
                    Optional<TodoStatus> named =
                            value.isString()
                                    ? WireName.find(TodoStatus.class, value.asString())
                                    : Optional.empty();
                    if (named.isPresent()) {
                        status = named.get();
                    } else {
                        errors.add(
                                new FieldError(
                                        field,
                                        value.isNull()
                                                ? NOT_REMOVABLE
                                                : "must be one of " + TodoStatus.ALLOWED));
                    }
                }
                case "priority" -> {
                    if (value.isIntegralNumber() && value.canConvertToInt()) {
                        priority = value.intValue();
                    } else {
                        errors.add(
                                new FieldError(
                                        field,
                                        value.isNull()
                                                ? NOT_REMOVABLE
                                                : TodoRequest.PRIORITY_MESSAGE));
                    }
                }
                case "place" -> {
                    if (value.isNull()) {
                        place = null;
                    } else if (value.isObject()) {
                        place = mergedPlace(value, place, errors);
                    } else {
                        errors.add(new FieldError(field, "must be an object or null"));
                    }
                }
                case "start_on_arrival" -> {
                    if (value.isBoolean()) {
                        startOnArrival = value.booleanValue();
                    } else {
                        errors.add(new FieldError(field, "must be true or false"));
                    }
                }
                default -> errors.add(new FieldError(field, "is not a field of this request"));
            }
        }
        if (!errors.isEmpty()) {
            throw InvalidRequestException.of(errors);
        }
        return new TodoRequest(
                title, description, deadline, status, priority, place, startOnArrival);
    }

    /**
     * RFC 7396 one level down: the members given replace the current place's; onto no place the
     * patch is the whole place (so lat and lng are then required).
     */
    private static PlaceRequest mergedPlace(
            JsonNode patch, PlaceRequest current, List<FieldError> errors) {
        BigDecimal lat = current == null ? null : current.lat();
        BigDecimal lng = current == null ? null : current.lng();
        Integer radius = current == null ? null : current.radiusM();
        String label = current == null ? null : current.label();
        for (Map.Entry<String, JsonNode> member : patch.properties()) {
            String field = "place." + member.getKey();
            JsonNode value = member.getValue();
            switch (member.getKey()) {
                case "lat", "lng" -> {
                    if (value.isNumber()) {
                        if (member.getKey().equals("lat")) {
                            lat = value.decimalValue();
                        } else {
                            lng = value.decimalValue();
                        }
                    } else {
                        errors.add(new FieldError(field, "must be a number"));
                    }
                }
                case "radius_m" -> {
                    if (value.isNull()) {
                        radius = null;
                    } else if (value.isIntegralNumber() && value.canConvertToInt()) {
                        radius = value.intValue();
                    } else {
                        errors.add(new FieldError(field, PlaceRequest.RADIUS_MESSAGE));
                    }
                }
                case "label" -> {
                    if (value.isNull() || value.isString()) {
                        label = value.isNull() ? null : value.asString();
                    } else {
                        errors.add(new FieldError(field, "must be a string or null"));
                    }
                }
                default -> errors.add(new FieldError(field, "is not a field of a place"));
            }
        }
        return new PlaceRequest(lat, lng, radius, label);
    }
}
