package io.meshfleet.sim.api;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A request path (relative to the cluster's prefix) understood the way the API server's RequestInfoFactory does:
 * either a resource request (verb, group, version, namespace, resource, name, subresource) or a non-resource path.
 *
 * @param resourceRequest whether this addresses a resource
 * @param segments the decoded path segments
 * @param verb get, list, watch, create, update, patch, delete, deletecollection (resource requests)
 * @param group API group ("" for core)
 * @param version API version
 * @param namespace namespace or null
 * @param resource plural resource or null
 * @param name object name or null
 * @param subresource subresource or null
 */
record RequestInfo(
        boolean resourceRequest,
        List<String> segments,
        String verb,
        String group,
        String version,
        String namespace,
        String resource,
        String name,
        String subresource) {

    /** {@code v1} or {@code apps/v1}. */
    String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** Parses a path; watch is the {@code ?watch=true} query parameter. */
    static RequestInfo parse(String method, String path, boolean watch) {
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(decode(segment));
            }
        }
        int resourceStart;
        String group;
        String version;
        if (segments.size() >= 3 && segments.get(0).equals("api")) {
            group = "";
            version = segments.get(1);
            resourceStart = 2;
        } else if (segments.size() >= 4 && segments.get(0).equals("apis")) {
            group = segments.get(1);
            version = segments.get(2);
            resourceStart = 3;
        } else {
            return new RequestInfo(false, segments, null, null, null, null, null, null, null);
        }
        List<String> parts = new ArrayList<>(segments.subList(resourceStart, segments.size()));
        if (parts.get(0).equals("watch")) {
            watch = true;
            parts = parts.subList(1, parts.size());
            if (parts.isEmpty()) {
                return new RequestInfo(false, segments, null, null, null, null, null, null, null);
            }
        }
        String namespace = null;
        if (parts.get(0).equals("namespaces") && parts.size() > 1) {
            namespace = parts.get(1);
            if (parts.size() > 2 && !parts.get(2).equals("status") && !parts.get(2).equals("finalize")) {
                parts = parts.subList(2, parts.size());
            }
        }
        String resource = parts.get(0);
        String name = parts.size() >= 2 ? parts.get(1) : null;
        String subresource = parts.size() >= 3 ? parts.get(2) : null;
        String verb = switch (method) {
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> name == null ? "deletecollection" : "delete";
            default -> watch ? "watch" : name == null ? "list" : "get";
        };
        return new RequestInfo(true, segments, verb, group, version, namespace, resource, name, subresource);
    }

    /** Percent-decodes one path segment ('+' stays '+', as in paths). */
    static String decode(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] bytes = segment.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '%' && i + 2 < bytes.length) {
                int high = Character.digit(bytes[i + 1], 16);
                int low = Character.digit(bytes[i + 2], 16);
                if (high >= 0 && low >= 0) {
                    out.write(high * 16 + low);
                    i += 2;
                    continue;
                }
            }
            out.write(bytes[i]);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return resourceRequest
                ? verb + " " + apiVersion() + " " + Arrays.asList(namespace, resource, name, subresource)
                : "nonResource " + segments;
    }
}
