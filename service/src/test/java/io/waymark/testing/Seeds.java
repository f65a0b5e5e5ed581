package io.waymark.testing;

/**
 * The seed of a test's random choices: fixed by default, so every build makes the same ones and a
 * failure can be replayed; {@code -DPROPERTY=N} replays the run that printed N, {@code
 * -DPROPERTY=random} explores a new one.
 */
public final class Seeds {

    private Seeds() {}

    /**
     * The seed {@code property} gives, else {@code fixed}; printed so that a failing run names its
     * own.
     */
    public static long seed(String property, long fixed) {
        String given = System.getProperty(property);
        long seed =
                given == null || given.isBlank()
                        ? fixed
                        : given.trim().equals("random")
                                ? System.nanoTime()
                                : Long.parseLong(given.trim());
        System.out.println("[seed] " + seed + " (rerun with -D" + property + "=" + seed + ")");
        return seed;
    }
}
