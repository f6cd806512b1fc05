package io.meshfleet.system.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * When to crash a service during a plan: {@code kills} pauses drawn from a seeded random generator, each between
 * {@code min} and {@code max}, counted from the moment the service is ready again after the previous crash (or from
 * the plan's start). The same seed gives the same pauses, so a failing run is repeated with its printed seed. Pure.
 */
public record KillSchedule(long seed, List<Duration> pauses) {

    public KillSchedule {
        pauses = List.copyOf(pauses);
    }

    /** A schedule of {@code kills} pauses uniformly in {@code [min, max]} (millisecond steps). */
    public static KillSchedule of(long seed, int kills, Duration min, Duration max) {
        if (kills < 0 || min.isNegative() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("need kills >= 0 and 0 <= min <= max, got " + kills + ", " + min
                    + ", " + max);
        }
        Random random = new Random(seed);
        long span = max.toMillis() - min.toMillis();
        List<Duration> pauses = new ArrayList<>();
        for (int i = 0; i < kills; i++) {
            pauses.add(min.plusMillis(span == 0 ? 0 : (long) (random.nextDouble() * (span + 1))));
        }
        return new KillSchedule(seed, pauses);
    }

    /** The seed: system property {@code chaos.seed} when set (to repeat a run), else a fresh one. */
    public static long chosenSeed() {
        String given = System.getProperty("chaos.seed");
        return given == null || given.isBlank() ? new Random().nextLong() : Long.parseLong(given.trim());
    }
}
