package io.meshfleet.events;

import java.util.List;

/**
 * One application check run after a mesh change.
 *
 * @param name           a name unique within the plan, reported back in {@link SmokeTestResult}
 * @param kind           how the check runs
 * @param url            for {@link SmokeCheckKind#HTTP}: the URL to GET; null for jobs
 * @param expectedStatus for HTTP: the expected status code (100-599); 0 for jobs
 * @param bodyContains   for HTTP: text the body must contain, or null
 * @param image          for {@link SmokeCheckKind#JOB}: the container image; null for HTTP
 * @param command        for jobs: the container command, empty for the image's default
 */
public record SmokeCheck(
        String name,
        SmokeCheckKind kind,
        String url,
        int expectedStatus,
        String bodyContains,
        String image,
        List<String> command) {

    public SmokeCheck {
        Require.nonBlank(name, "name");
        Require.nonNull(kind, "kind");
        command = Require.list(command, "command");
        switch (kind) {
            case HTTP -> {
                Require.nonBlank(url, "url");
                if (expectedStatus < 100 || expectedStatus > 599) {
                    throw new IllegalArgumentException("expectedStatus must be an HTTP status (100-599), was " + expectedStatus);
                }
            }
            case JOB -> Require.nonBlank(image, "image");
        }
    }

    /** An HTTP check expecting {@code expectedStatus}. */
    public static SmokeCheck http(String name, String url, int expectedStatus, String bodyContains) {
        return new SmokeCheck(name, SmokeCheckKind.HTTP, url, expectedStatus, bodyContains, null, List.of());
    }

    /** A Job check running {@code image} with {@code command}. */
    public static SmokeCheck job(String name, String image, List<String> command) {
        return new SmokeCheck(name, SmokeCheckKind.JOB, null, 0, null, image, command);
    }
}
