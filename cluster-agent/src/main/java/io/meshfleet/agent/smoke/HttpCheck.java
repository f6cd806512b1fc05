package io.meshfleet.agent.smoke;

import io.meshfleet.events.SmokeCheck;

/** The verdict on one HTTP smoke check's response: expected status, and the expected text in the body if any. */
final class HttpCheck {

    private HttpCheck() {
    }

    /** {@code ok: ...} when the check passes, otherwise what was wrong. */
    static String judge(SmokeCheck check, int status, String body) {
        if (status != check.expectedStatus()) {
            return "GET " + check.url() + " answered " + status + ", expected " + check.expectedStatus();
        }
        if (check.bodyContains() != null && !body.contains(check.bodyContains())) {
            return "GET " + check.url() + " answered " + status + " but the body lacks \"" + check.bodyContains() + "\"";
        }
        return "ok: GET " + check.url() + " answered " + status
                + (check.bodyContains() == null ? "" : " with \"" + check.bodyContains() + "\" in the body");
    }
}
