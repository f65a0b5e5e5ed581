package io.waymark.shared;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How every enum of the API is spelled outside Java (JSON, query parameters, tokens, stored rows):
 * its constant's name in lower case, {@code IN_PROGRESS} as {@code in_progress}. Jackson writes and
 * reads it through {@link JsonValue}; {@link #find} reads it anywhere else.
 */
public interface WireName {

    String name();

    @JsonValue
    default String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The constant of {@code type} spelled {@code value} on the wire, or empty. */
    static <E extends Enum<E> & WireName> Optional<E> find(Class<E> type, String value) {
        return Arrays.stream(type.getEnumConstants())
                .filter(constant -> constant.wireName().equals(value))
                .findFirst();
    }

    /**
     * The constant of {@code type} spelled {@code value}, or a 400 naming {@code field} and the
     * allowed values.
     */
    static <E extends Enum<E> & WireName> E parse(Class<E> type, String field, String value) {
        return find(type, value)
                .orElseThrow(
                        () ->
                                InvalidRequestException.field(
                                        field, "must be one of " + allOf(type)));
    }

    /** Every constant's wire name, comma separated: {@code pending, in_progress, completed}. */
    static <E extends Enum<E> & WireName> String allOf(Class<E> type) {
        return Arrays.stream(type.getEnumConstants())
                .map(WireName::wireName)
                .collect(Collectors.joining(", "));
    }
}
