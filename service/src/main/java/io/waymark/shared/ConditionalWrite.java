package io.waymark.shared;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * The read-check-write loop of PUT, PATCH and DELETE under optimistic concurrency. Each attempt
 * reads the current version, checks {@code If-Match} against it ({@link ETags#check}) and writes
 * only if the stored version is still the one it read, answering empty when another writer got
 * there first. With {@code If-Match}, losing that race means the precondition failed (412);
 * without, the attempt is repeated a few times (last writer wins).
 */
public final class ConditionalWrite {

    static final int UNCONDITIONAL_ATTEMPTS = 5;

    private ConditionalWrite() {}

    public static <T> T run(OptionalLong expectedVersion, Supplier<Optional<T>> attempt) {
        for (int attempts = 1; ; attempts++) {
            Optional<T> result = attempt.get();
            if (result.isPresent()) {
                return result.get();
            }
            if (expectedVersion.isPresent() || attempts >= UNCONDITIONAL_ATTEMPTS) {
                throw new PreconditionFailedException();
            }
        }
    }
}
