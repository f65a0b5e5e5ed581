package io.waymark.shared;

import java.util.OptionalLong;

/**
 * Strong ETags from a resource's version number, and the {@code If-Match} check for PUT, PATCH and
 * DELETE.
 */
public final class ETags {

    private ETags() {}

    public static String of(long version) {
        return "\"" + version + "\"";
    }

    /**
     * The version an {@code If-Match} header demands, or empty when there is no precondition
     * ({@code *} or no header). A value that names no version of ours can never match, so it is
     * reported as stale.
     */
    public static OptionalLong expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return OptionalLong.empty();
        }
        String tag = ifMatch.trim();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
            try {
                return OptionalLong.of(Long.parseLong(tag.substring(1, tag.length() - 1)));
            } catch (NumberFormatException e) {
                throw new PreconditionFailedException();
            }
        }
        throw new PreconditionFailedException();
    }

    /** Throws 412 unless the precondition (if any) names {@code currentVersion}. */
    public static void check(OptionalLong expected, long currentVersion) {
        if (expected.isPresent() && expected.getAsLong() != currentVersion) {
            throw new PreconditionFailedException();
        }
    }
}
