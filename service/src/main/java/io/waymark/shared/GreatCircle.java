package io.waymark.shared;

/**
 * Distances on the globe, the same arithmetic for every store: the SQL stores and MongoDB narrow
 * candidates with {@link #box} on indexed columns, then the exact distance is this haversine.
 */
public final class GreatCircle {

    /** The mean Earth radius (IUGG), in metres. */
    public static final double EARTH_RADIUS_M = 6_371_008.8;

    private GreatCircle() {}

    /** The great-circle distance between two points, in metres. */
    public static double metres(Coordinate a, Coordinate b) {
        double lat1 = Math.toRadians(a.latE6() / 1e6);
        double lat2 = Math.toRadians(b.latE6() / 1e6);
        double dLat = lat2 - lat1;
        double dLng = Math.toRadians((b.lngE6() - (double) a.lngE6()) / 1e6);
        double h =
                Math.pow(Math.sin(dLat / 2), 2)
                        + Math.cos(lat1) * Math.cos(lat2) * Math.pow(Math.sin(dLng / 2), 2);
        return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
    }

    /**
     * Micro-degree bounds that contain every point within {@code radiusM} of the centre, a
     * prefilter an index can serve; never too small, sometimes larger than needed. Near a pole, or
     * across the antimeridian, the longitude range is the whole circle.
     */
    public static Box box(Coordinate centre, double radiusM) {
        double latSpan = Math.toDegrees(radiusM / EARTH_RADIUS_M);
        double lat = centre.latE6() / 1e6;
        double minLat = lat - latSpan;
        double maxLat = lat + latSpan;
        if (minLat <= -Coordinate.MAX_LAT || maxLat >= Coordinate.MAX_LAT) {
            return new Box(
                    down(Math.max(minLat, -Coordinate.MAX_LAT)),
                    up(Math.min(maxLat, Coordinate.MAX_LAT)),
                    -Coordinate.MAX_LNG * 1_000_000,
                    Coordinate.MAX_LNG * 1_000_000);
        }
        // The widest longitude span is at the latitude farthest from the equator in the box.
        double widest = Math.max(Math.abs(minLat), Math.abs(maxLat));
        double lngSpan = latSpan / Math.cos(Math.toRadians(widest));
        double lng = centre.lngE6() / 1e6;
        if (lng - lngSpan < -Coordinate.MAX_LNG || lng + lngSpan > Coordinate.MAX_LNG) {
            return new Box(
                    down(minLat),
                    up(maxLat),
                    -Coordinate.MAX_LNG * 1_000_000,
                    Coordinate.MAX_LNG * 1_000_000);
        }
        return new Box(down(minLat), up(maxLat), down(lng - lngSpan), up(lng + lngSpan));
    }

    /** Bounds in micro-degrees, inclusive; rounded outwards by a micro-degree. */
    public record Box(int minLatE6, int maxLatE6, int minLngE6, int maxLngE6) {}

    private static int down(double degrees) {
        return (int) Math.floor(degrees * 1e6) - 1;
    }

    private static int up(double degrees) {
        return (int) Math.ceil(degrees * 1e6) + 1;
    }
}
