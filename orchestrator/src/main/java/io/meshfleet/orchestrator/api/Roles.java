package io.meshfleet.orchestrator.api;

/** The roles of the REST API, carried in the JWT's {@code groups} claim. */
public final class Roles {

    /** Reads clusters, plans and the audit trail. */
    public static final String VIEWER = "viewer";
    /** Creates plans and starts, pauses, resumes, aborts them and retries clusters. */
    public static final String OPERATOR = "operator";
    /** Approves waves that require approval. */
    public static final String APPROVER = "approver";

    private Roles() {
    }
}
