package io.meshfleet.sim.store;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A refused store operation, shaped like the API server's errors so that the HTTP layer answers it as a
 * {@code Status} body and in-process callers can branch on {@link #reason()}.
 */
public final class StoreException extends RuntimeException {

    private final StatusReason reason;
    private final transient ObjectNode details;

    private StoreException(StatusReason reason, String message, ObjectNode details) {
        super(message);
        this.reason = reason;
        this.details = details;
    }

    /** Any reason with a message and no details. */
    public static StoreException of(StatusReason reason, String message) {
        return new StoreException(reason, message, null);
    }

    /** 404: {@code pods "x" not found}. */
    public static StoreException notFound(ResourceType type, String name) {
        return new StoreException(StatusReason.NOT_FOUND, type.groupResource() + " \"" + name + "\" not found",
                details(type, name));
    }

    /** 409: {@code pods "x" already exists}. */
    public static StoreException alreadyExists(ResourceType type, String name) {
        return new StoreException(StatusReason.ALREADY_EXISTS,
                type.groupResource() + " \"" + name + "\" already exists", details(type, name));
    }

    /** 409: the object changed since the caller read it (or another precondition failed). */
    public static StoreException conflict(ResourceType type, String name, String why) {
        return new StoreException(StatusReason.CONFLICT,
                "Operation cannot be fulfilled on " + type.groupResource() + " \"" + name + "\": " + why,
                details(type, name));
    }

    /** 422: the object (or a patch) is not acceptable. */
    public static StoreException invalid(ResourceType type, String name, String why) {
        return new StoreException(StatusReason.INVALID,
                type.kind() + " \"" + name + "\" is invalid: " + why, details(type, name));
    }

    /** 400. */
    public static StoreException badRequest(String message) {
        return new StoreException(StatusReason.BAD_REQUEST, message, null);
    }

    /** 403. */
    public static StoreException forbidden(String message) {
        return new StoreException(StatusReason.FORBIDDEN, message, null);
    }

    /** 405. */
    public static StoreException methodNotAllowed(String message) {
        return new StoreException(StatusReason.METHOD_NOT_ALLOWED, message, null);
    }

    /** 410: a watch asked for history the store no longer keeps. */
    public static StoreException expired(String message) {
        return new StoreException(StatusReason.EXPIRED, message, null);
    }

    /** 415. */
    public static StoreException unsupportedMediaType(String message) {
        return new StoreException(StatusReason.UNSUPPORTED_MEDIA_TYPE, message, null);
    }

    /** 429 with one cause, as an eviction blocked by a PodDisruptionBudget is answered. */
    public static StoreException tooManyRequests(String message, String causeReason, String causeMessage) {
        ObjectNode details = Json.object();
        ArrayNode causes = details.putArray("causes");
        causes.addObject().put("reason", causeReason).put("message", causeMessage);
        return new StoreException(StatusReason.TOO_MANY_REQUESTS, message, details);
    }

    private static ObjectNode details(ResourceType type, String name) {
        ObjectNode details = Json.object().put("name", name);
        if (!type.group().isEmpty()) {
            details.put("group", type.group());
        }
        return details.put("kind", type.plural());
    }

    /** Why the operation was refused. */
    public StatusReason reason() {
        return reason;
    }

    /** The HTTP status code. */
    public int code() {
        return reason.code();
    }

    /** The {@code Status} object the API server answers with. */
    public ObjectNode toStatus() {
        ObjectNode status = Json.object()
                .put("kind", "Status")
                .put("apiVersion", "v1");
        status.putObject("metadata");
        status.put("status", "Failure")
                .put("message", getMessage())
                .put("reason", reason.wireName());
        if (details != null) {
            status.set("details", details.deepCopy());
        }
        status.put("code", reason.code());
        return status;
    }
}
