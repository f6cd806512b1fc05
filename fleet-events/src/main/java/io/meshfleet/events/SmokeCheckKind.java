package io.meshfleet.events;

/** How a smoke check is run. */
public enum SmokeCheckKind {
    /** An HTTP GET from inside the cluster, checking status and optionally the body. */
    HTTP,
    /** A Kubernetes Job running an image; passes when the Job succeeds. */
    JOB
}
