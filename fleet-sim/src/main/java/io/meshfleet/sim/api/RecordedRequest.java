package io.meshfleet.sim.api;

/**
 * One request a simulated cluster received, kept when {@link SimCluster#recordRequests(boolean)} is on, so that a
 * test can assert exactly what an adapter sent and in which order.
 *
 * @param method HTTP method
 * @param path path below the cluster's URL ({@code /api/v1/namespaces/x/pods})
 * @param query raw query string or ""
 * @param contentType request Content-Type or ""
 */
public record RecordedRequest(String method, String path, String query, String contentType) {

    @Override
    public String toString() {
        return method + " " + path + (query.isEmpty() ? "" : "?" + query)
                + (contentType.isEmpty() ? "" : " (" + contentType + ")");
    }
}
