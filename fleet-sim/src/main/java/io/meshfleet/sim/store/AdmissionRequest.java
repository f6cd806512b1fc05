package io.meshfleet.sim.store;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What an {@link AdmissionHook} sees: like a mutating webhook's AdmissionReview, the object is the one about to be
 * stored and may be changed in place.
 *
 * @param operation CREATE or UPDATE
 * @param resource the resource type
 * @param subresource null for the main resource, else e.g. STATUS
 * @param namespace the namespace (null for cluster-scoped)
 * @param name the object's name (already generated from generateName on CREATE)
 * @param object the incoming object; mutate it to change what is stored
 * @param oldObject the stored object on UPDATE, null on CREATE
 * @param dryRun whether nothing will be persisted
 */
public record AdmissionRequest(
        Operation operation,
        ResourceType resource,
        Subresource subresource,
        String namespace,
        String name,
        ObjectNode object,
        ObjectNode oldObject,
        boolean dryRun) {

    /** The admitted operations. */
    public enum Operation { CREATE, UPDATE }
}
