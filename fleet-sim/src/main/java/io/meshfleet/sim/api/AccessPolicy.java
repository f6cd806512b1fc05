package io.meshfleet.sim.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What the kubeconfig's user may do on one simulated cluster: everything, except the denied combinations. The HTTP
 * layer answers 403 for denied requests and SelfSubjectAccessReviews from the same rules, so a preflight check and the
 * real call agree.
 */
public final class AccessPolicy {

    /** The wildcard of every rule field. */
    public static final String ANY = "*";

    private static final AccessPolicy ALLOW_ALL = new AccessPolicy(List.of());

    /**
     * One denied combination; {@code "*"} matches anything. The resource may name a subresource
     * ({@code pods/eviction}).
     *
     * @param verb get, list, watch, create, update, patch, delete, deletecollection
     * @param group API group, "" for core
     * @param resource plural resource name, optionally with "/subresource"
     * @param namespace namespace, "" for cluster-scoped requests
     */
    public record Rule(String verb, String group, String resource, String namespace) {

        boolean matches(String verb, String group, String resource, String subresource, String namespace) {
            String full = subresource == null || subresource.isEmpty() ? resource : resource + "/" + subresource;
            return field(this.verb, verb) && field(this.group, group)
                    && (field(this.resource, full) || (subresource != null && !subresource.isEmpty()
                    && this.resource.equals(resource + "/*")))
                    && field(this.namespace, namespace == null ? "" : namespace);
        }

        private static boolean field(String rule, String actual) {
            return rule.equals(ANY) || rule.equals(actual == null ? "" : actual);
        }
    }

    private final List<Rule> denied;

    private AccessPolicy(List<Rule> denied) {
        this.denied = List.copyOf(denied);
    }

    /** Everything allowed (the default). */
    public static AccessPolicy allowAll() {
        return ALLOW_ALL;
    }

    /** This policy, also denying the combination. */
    public AccessPolicy deny(String verb, String group, String resource, String namespace) {
        List<Rule> rules = new ArrayList<>(denied);
        rules.add(new Rule(verb, group, resource, namespace));
        return new AccessPolicy(rules);
    }

    /** The denied combinations. */
    public List<Rule> deniedRules() {
        return denied;
    }

    /** Whether the request is allowed. */
    public boolean allows(String verb, String group, String resource, String subresource, String namespace) {
        for (Rule rule : denied) {
            if (rule.matches(verb, group, resource, subresource, namespace)) {
                return false;
            }
        }
        return true;
    }

    /** Answers a SelfSubjectAccessReview: the request's object with {@code status.allowed} (and denied, reason). */
    public ObjectNode review(ObjectNode review) {
        ObjectNode answer = review.deepCopy();
        answer.put("apiVersion", "authorization.k8s.io/v1").put("kind", "SelfSubjectAccessReview");
        answer.withObjectProperty("metadata");
        JsonNode attributes = answer.path("spec").path("resourceAttributes");
        boolean allowed = true;
        if (attributes.isObject()) {
            allowed = allows(attributes.path("verb").asText(), attributes.path("group").asText(""),
                    attributes.path("resource").asText(), attributes.path("subresource").asText(""),
                    attributes.path("namespace").asText(""));
        }
        ObjectNode status = answer.putObject("status").put("allowed", allowed);
        if (allowed) {
            status.put("reason", "allowed by the simulated cluster's access policy");
        } else {
            status.put("denied", true).put("reason", "denied by the simulated cluster's access policy");
        }
        return answer;
    }
}
