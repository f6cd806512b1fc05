package io.meshfleet.stack;

import java.time.Duration;

/** Prints start-up times into the test log. */
public final class Timing {

    private Timing() {
    }

    /** One line: {@code [timing] <what>: <ms> ms}. */
    public static void print(String what, Duration duration) {
        System.out.printf("[timing] %s: %d ms%n", what, duration.toMillis());
    }
}
