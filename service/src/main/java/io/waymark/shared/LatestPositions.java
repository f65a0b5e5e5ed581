package io.waymark.shared;

import java.util.Optional;

/**
 * Where a user last was, by their latest ping: implemented by the locations feature, read by any
 * feature that measures from "me" (a to-do list with {@code near=me}) without depending on it.
 */
public interface LatestPositions {

    /** The position of the user's latest ping (by recorded time), or empty when they sent none. */
    Optional<Coordinate> latest(String userId);
}
