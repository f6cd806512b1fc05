package io.meshfleet.sim.store;

import java.util.Locale;

/** The patch formats the API server accepts, by their request Content-Type. */
public enum PatchType {
    /** RFC 6902 JSON Patch: a list of operations. */
    JSON("application/json-patch+json"),
    /** RFC 7386 JSON Merge Patch. */
    MERGE("application/merge-patch+json"),
    /** Kubernetes strategic merge patch: merge, with lists of named things merged by key. */
    STRATEGIC_MERGE("application/strategic-merge-patch+json"),
    /** Server-side apply (create or merge; field ownership is not tracked). */
    APPLY("application/apply-patch+yaml");

    private final String contentType;

    PatchType(String contentType) {
        this.contentType = contentType;
    }

    /** The Content-Type naming this format. */
    public String contentType() {
        return contentType;
    }

    /** The format named by a Content-Type header (parameters ignored), or null. */
    public static PatchType fromContentType(String header) {
        if (header == null) {
            return null;
        }
        String mediaType = header.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        for (PatchType type : values()) {
            if (type.contentType.equals(mediaType)) {
                return type;
            }
        }
        if (mediaType.equals("application/apply-patch+json") || mediaType.equals("application/apply-patch+cbor")) {
            return mediaType.endsWith("json") ? APPLY : null;
        }
        return null;
    }
}
