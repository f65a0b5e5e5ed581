package io.waymark.store;

import io.waymark.shared.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * The position after which a page continues: the sort key values of the last row seen, the row id
 * last so that ties are broken and pages stay stable while rows are inserted. Opaque to clients
 * (base64url). Lists make and read theirs through {@link Keyset}.
 */
public record Cursor(List<String> values) {

    private static final String SEPARATOR = "\u001f";

    public static Cursor of(Object... values) {
        return new Cursor(
                Arrays.stream(values).map(value -> value == null ? "" : value.toString()).toList());
    }

    public static Cursor decode(String token) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            // Ours hold sort keys and ids: nothing else, and no control character but the
            // separator.
            if (raw.chars().anyMatch(c -> Character.isISOControl(c) && c != SEPARATOR.charAt(0))) {
                throw invalid();
            }
            return new Cursor(List.of(raw.split(SEPARATOR, -1)));
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    public String encode() {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(String.join(SEPARATOR, values).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The value at {@code index}; a cursor of the wrong shape (say, from another list) is a client
     * error.
     */
    public String value(int index, int expectedSize) {
        if (values.size() != expectedSize) {
            throw invalid();
        }
        return values.get(index);
    }

    public long longValue(int index, int expectedSize) {
        try {
            return Long.parseLong(value(index, expectedSize));
        } catch (NumberFormatException e) {
            throw invalid();
        }
    }

    private static InvalidRequestException invalid() {
        return InvalidRequestException.field("cursor", "is not a cursor this list returned");
    }
}
