package io.meshfleet.sim.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshfleet.sim.store.BuiltInResources;
import io.meshfleet.sim.store.ClusterStore;
import io.meshfleet.sim.store.DeleteOptions;
import io.meshfleet.sim.store.Json;
import io.meshfleet.sim.store.ObjectList;
import io.meshfleet.sim.store.PatchType;
import io.meshfleet.sim.store.ResourceTable;
import io.meshfleet.sim.store.ResourceType;
import io.meshfleet.sim.store.Selector;
import io.meshfleet.sim.store.StatusReason;
import io.meshfleet.sim.store.StoreException;
import io.meshfleet.sim.store.StoreWatch;
import io.meshfleet.sim.store.StoredObject;
import io.meshfleet.sim.store.Subresource;
import io.meshfleet.sim.store.WriteOptions;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The Kubernetes REST API of one simulated cluster over HTTP: routes a request (path relative to the cluster's
 * prefix) to discovery or to the cluster's {@link ClusterStore}, and answers as the API server does (objects, lists,
 * Tables, Status errors, watch streams).
 */
final class ClusterApi {

    private static final System.Logger LOG = System.getLogger(ClusterApi.class.getName());
    private static final String JSON = "application/json";

    private final Vertx vertx;
    private final String kubernetesVersion;
    private final Supplier<String> serverAddress;

    ClusterApi(Vertx vertx, String kubernetesVersion, Supplier<String> serverAddress) {
        this.vertx = vertx;
        this.kubernetesVersion = kubernetesVersion;
        this.serverAddress = serverAddress;
    }

    void handle(SimCluster cluster, HttpServerRequest request, String path) {
        cluster.record(new RecordedRequest(request.method().name(), path,
                request.query() == null ? "" : request.query(), header(request, "Content-Type")));
        boolean watch = flag(request.getParam("watch"));
        RequestInfo info = RequestInfo.parse(request.method().name(), path, watch);
        try {
            if (!info.resourceRequest()) {
                nonResource(cluster, request, info);
            } else {
                resource(cluster, request, info);
            }
        } catch (StoreException e) {
            error(request.response(), e);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "simulated API request failed: " + request.method() + " " + path, e);
            error(request.response(), StoreException.of(StatusReason.INTERNAL_ERROR, String.valueOf(e)));
        }
    }

    // ---------------------------------------------------------------- discovery and other non-resource paths

    private void nonResource(SimCluster cluster, HttpServerRequest request, RequestInfo info) {
        List<String> s = info.segments();
        ResourceTable table = cluster.store().resources();
        HttpServerResponse response = request.response();
        if (!request.method().name().equals("GET") && !request.method().name().equals("HEAD")) {
            throw StoreException.methodNotAllowed("the server does not allow this method on the requested resource");
        }
        if (s.isEmpty()) {
            ObjectNode paths = Json.object();
            var array = paths.putArray("paths");
            array.add("/api").add("/api/v1").add("/apis").add("/version").add("/healthz");
            for (String group : table.groups()) {
                array.add("/apis/" + group);
                table.versions(group).forEach(v -> array.add("/apis/" + group + "/" + v));
            }
            json(response, 200, paths);
        } else if (s.size() == 1 && s.get(0).equals("version")) {
            json(response, 200, Discovery.version(kubernetesVersion));
        } else if (s.size() == 1 && (s.get(0).equals("healthz") || s.get(0).equals("livez")
                || s.get(0).equals("readyz"))) {
            response.putHeader("Content-Type", "text/plain").end("ok");
        } else if (s.size() == 1 && s.get(0).equals("api")) {
            json(response, 200, Discovery.coreVersions(serverAddress.get()));
        } else if (s.size() == 2 && s.get(0).equals("api") && s.get(1).equals("v1")) {
            json(response, 200, Discovery.resourceList(table, "v1"));
        } else if (s.size() == 1 && s.get(0).equals("apis")) {
            json(response, 200, Discovery.groupList(table));
        } else if (s.size() == 2 && s.get(0).equals("apis") && table.groups().contains(s.get(1))) {
            json(response, 200, Discovery.group(table, s.get(1)));
        } else if (s.size() == 3 && s.get(0).equals("apis") && !table.typesOf(s.get(1) + "/" + s.get(2)).isEmpty()) {
            json(response, 200, Discovery.resourceList(table, s.get(1) + "/" + s.get(2)));
        } else if (s.size() == 2 && s.get(0).equals("openapi") && s.get(1).equals("v3")) {
            json(response, 200, OpenApiV3.root(table, SimApiServer.CLUSTER_PREFIX + cluster.name()));
        } else if (openApiVersion(s) != null && OpenApiV3.apiVersions(table).contains(openApiVersion(s))) {
            json(response, 200, OpenApiV3.groupVersion(table, openApiVersion(s)));
        } else {
            throw notFound();
        }
    }

    /** {@code v1} for /openapi/v3/api/v1, {@code apps/v1} for /openapi/v3/apis/apps/v1, else null. */
    private static String openApiVersion(List<String> s) {
        if (s.size() < 4 || !s.get(0).equals("openapi") || !s.get(1).equals("v3")) {
            return null;
        }
        if (s.size() == 4 && s.get(2).equals("api")) {
            return s.get(3);
        }
        if (s.size() == 5 && s.get(2).equals("apis")) {
            return s.get(3) + "/" + s.get(4);
        }
        return null;
    }

    // ---------------------------------------------------------------- resources

    private void resource(SimCluster cluster, HttpServerRequest request, RequestInfo info) {
        ClusterStore store = cluster.store();
        ResourceType type = store.resources().find(info.apiVersion(), info.resource())
                .orElseThrow(ClusterApi::notFound);
        String namespace = type.namespaced() ? info.namespace() : null;
        if (!type.namespaced() && info.namespace() != null && !type.equals(BuiltInResources.NAMESPACES)) {
            throw notFound();
        }
        Subresource subresource = info.subresource() == null ? null : Subresource.fromPath(info.subresource());
        if (info.subresource() != null && (subresource == null || !type.has(subresource))) {
            throw notFound();
        }
        String verb = info.verb();
        if (!type.equals(BuiltInResources.SELF_SUBJECT_ACCESS_REVIEWS)
                && !cluster.accessPolicy().allows(verb, type.group(), type.plural(), info.subresource(), namespace)) {
            throw forbidden(type, verb, info.subresource(), namespace);
        }
        if (type.namespaced() && info.name() != null && namespace == null) {
            throw notFound();
        }
        if (!type.allows(verb) && subresource == null) {
            throw StoreException.methodNotAllowed("the server does not allow this method on the requested resource");
        }
        HttpServerResponse response = request.response();
        switch (verb) {
            case "get" -> get(store, request, type, namespace, info.name(), subresource);
            case "list" -> list(store, request, type, namespace);
            case "watch" -> watch(store, request, type, namespace, info.name());
            case "create", "update", "patch", "delete", "deletecollection" -> request.body()
                    .onSuccess(body -> {
                        try {
                            write(cluster, request, type, namespace, info, subresource, body);
                        } catch (StoreException e) {
                            error(response, e);
                        } catch (RuntimeException e) {
                            LOG.log(Level.WARNING, "simulated API write failed: " + info, e);
                            error(response, StoreException.of(StatusReason.INTERNAL_ERROR, String.valueOf(e)));
                        }
                    })
                    .onFailure(e -> error(response, StoreException.badRequest("cannot read the body: " + e)));
            default -> throw StoreException.methodNotAllowed("unsupported verb " + verb);
        }
    }

    private void get(ClusterStore store, HttpServerRequest request, ResourceType type, String namespace, String name,
                     Subresource subresource) {
        if (subresource == Subresource.SCALE) {
            json(request.response(), 200, store.getScale(type, namespace, name));
            return;
        }
        if (subresource == Subresource.EVICTION) {
            throw StoreException.methodNotAllowed("eviction only accepts create");
        }
        StoredObject object = store.find(type, namespace, name)
                .orElseThrow(() -> StoreException.notFound(type, name));
        if (wantsTable(request)) {
            json(request.response(), 200, TableRenderer.table(type, List.of(object.node()), object.resourceVersion(),
                    store.clock().instant(), include(request)));
            return;
        }
        request.response().setStatusCode(200).putHeader("Content-Type", JSON).end(Buffer.buffer(object.json()));
    }

    private void list(ClusterStore store, HttpServerRequest request, ResourceType type, String namespace) {
        Selector selector = Selector.parse(request.getParam("labelSelector"), request.getParam("fieldSelector"));
        ObjectList list = store.list(type, namespace, selector);
        if (wantsTable(request)) {
            json(request.response(), 200, TableRenderer.table(type, list.nodes(), list.resourceVersion(),
                    store.clock().instant(), include(request)));
            return;
        }
        request.response().setStatusCode(200).putHeader("Content-Type", JSON).end(listBody(type, list));
    }

    private static Buffer listBody(ResourceType type, ObjectList list) {
        int size = 128;
        for (StoredObject item : list.items()) {
            size += item.size() + 1;
        }
        Buffer buffer = Buffer.buffer(size);
        buffer.appendString("{\"kind\":\"").appendString(type.listKind())
                .appendString("\",\"apiVersion\":\"").appendString(type.apiVersion())
                .appendString("\",\"metadata\":{\"resourceVersion\":\"")
                .appendString(Long.toString(list.resourceVersion())).appendString("\"},\"items\":[");
        boolean first = true;
        for (StoredObject item : list.items()) {
            if (!first) {
                buffer.appendByte((byte) ',');
            }
            first = false;
            buffer.appendBytes(item.json());
        }
        return buffer.appendString("]}");
    }

    private void watch(ClusterStore store, HttpServerRequest request, ResourceType type, String namespace,
                       String name) {
        String fieldSelector = request.getParam("fieldSelector");
        if (name != null) {
            String byName = "metadata.name=" + name;
            fieldSelector = fieldSelector == null || fieldSelector.isEmpty() ? byName : fieldSelector + "," + byName;
        }
        Selector selector = Selector.parse(request.getParam("labelSelector"), fieldSelector);
        String resourceVersion = request.getParam("resourceVersion");
        if (resourceVersion != null && !resourceVersion.chars().allMatch(Character::isDigit)) {
            throw StoreException.badRequest("resourceVersion: Invalid value: \"" + resourceVersion
                    + "\": must be a number");
        }
        boolean initialEvents = flag(request.getParam("sendInitialEvents"));
        if (initialEvents) {
            resourceVersion = "0";
        }
        long timeout = parseLong(request.getParam("timeoutSeconds"));
        boolean table = wantsTable(request);
        TableRenderer.IncludeObject include = include(request);
        String from = resourceVersion;
        if ("websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            request.toWebSocket().onSuccess(socket -> {
                WatchStream stream = new WatchStream(type, WatchStream.webSocket(socket), table, include,
                        initialEvents, store.clock());
                socket.closeHandler(v -> stream.finish());
                socket.exceptionHandler(e -> stream.finish());
                socket.handler(frame -> { });
                subscribe(store, type, namespace, selector, from, stream, timeout);
            }).onFailure(e -> LOG.log(Level.DEBUG, "WebSocket upgrade failed", e));
            return;
        }
        HttpServerResponse response = request.response();
        WatchStream stream = new WatchStream(type, WatchStream.chunked(response), table, include, initialEvents,
                store.clock());
        response.closeHandler(v -> stream.finish());
        response.exceptionHandler(e -> stream.finish());
        subscribe(store, type, namespace, selector, from, stream, timeout);
    }

    private void subscribe(ClusterStore store, ResourceType type, String namespace, Selector selector,
                           String resourceVersion, WatchStream stream, long timeoutSeconds) {
        try {
            StoreWatch storeWatch = store.watch(type, namespace, selector, resourceVersion, stream);
            stream.started(storeWatch, vertx, timeoutSeconds);
        } catch (StoreException e) {
            stream.fail(e.toStatus());
        }
    }

    private void write(SimCluster cluster, HttpServerRequest request, ResourceType type, String namespace,
                       RequestInfo info, Subresource subresource, Buffer body) {
        ClusterStore store = cluster.store();
        HttpServerResponse response = request.response();
        WriteOptions options = new WriteOptions(isDryRun(request.params().getAll("dryRun")),
                request.getParam("fieldManager"));
        String name = info.name();
        switch (info.verb()) {
            case "create" -> {
                ObjectNode object = objectBody(request, body);
                if (type.equals(BuiltInResources.SELF_SUBJECT_ACCESS_REVIEWS)) {
                    json(response, 201, cluster.accessPolicy().review(object));
                } else if (subresource == Subresource.EVICTION) {
                    store.evict(namespace, name, deleteOptions(request, object.get("deleteOptions")));
                    ObjectNode status = Json.object().put("kind", "Status").put("apiVersion", "v1");
                    status.putObject("metadata");
                    json(response, 201, status.put("status", "Success").put("code", 201));
                } else if (name != null) {
                    throw StoreException.methodNotAllowed("POST is not allowed on a named " + type.plural());
                } else {
                    json(response, 201, store.create(type, namespace, object, options));
                }
            }
            case "update" -> {
                ObjectNode object = objectBody(request, body);
                json(response, 200, store.update(type, namespace, name, object, subresource, options));
            }
            case "patch" -> {
                PatchType patchType = PatchType.fromContentType(request.getHeader("Content-Type"));
                if (patchType == null) {
                    throw StoreException.unsupportedMediaType("the body of the request was in an unknown format - "
                            + "accepted media types include: application/json-patch+json, "
                            + "application/merge-patch+json, application/apply-patch+yaml, "
                            + "application/strategic-merge-patch+json");
                }
                JsonNode patch = patchType == PatchType.APPLY
                        ? Json.parseYamlObject(body.getBytes()) : Json.parse(body.getBytes());
                boolean existed = subresource != null || store.find(type, namespace, name).isPresent();
                ObjectNode result = store.patch(type, namespace, name, patchType, patch, subresource, options);
                json(response, existed ? 200 : 201, result);
            }
            case "delete" -> {
                JsonNode deleteBody = body.length() == 0 ? null : objectBody(request, body);
                json(response, 200, store.delete(type, namespace, name, deleteOptions(request, deleteBody)));
            }
            case "deletecollection" -> {
                JsonNode deleteBody = body.length() == 0 ? null : objectBody(request, body);
                Selector selector = Selector.parse(request.getParam("labelSelector"),
                        request.getParam("fieldSelector"));
                List<ObjectNode> deleted = store.deleteCollection(type, namespace, selector,
                        deleteOptions(request, deleteBody));
                ObjectNode list = Json.object().put("kind", type.listKind()).put("apiVersion", type.apiVersion());
                list.putObject("metadata").put("resourceVersion", Long.toString(store.resourceVersion()));
                deleted.forEach(list.putArray("items")::add);
                json(response, 200, list);
            }
            default -> throw StoreException.methodNotAllowed("unsupported verb " + info.verb());
        }
    }

    /** The request body as an object: JSON, YAML, or the protobuf of the kinds {@link ProtobufBodies} knows. */
    private static ObjectNode objectBody(HttpServerRequest request, Buffer body) {
        String contentType = header(request, "Content-Type").toLowerCase(Locale.ROOT);
        if (ProtobufBodies.isProtobuf(contentType)) {
            return ProtobufBodies.decode(body.getBytes());
        }
        if (contentType.contains("cbor")) {
            throw StoreException.unsupportedMediaType("the body of the request was in an unknown format - accepted "
                    + "media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf");
        }
        if (contentType.contains("yaml")) {
            return Json.parseYamlObject(body.getBytes());
        }
        return Json.parseObject(body.getBytes());
    }

    /** DeleteOptions from the body (if any) overlaid by query parameters. */
    private static DeleteOptions deleteOptions(HttpServerRequest request, JsonNode body) {
        Long grace = null;
        DeleteOptions.Propagation propagation = DeleteOptions.Propagation.BACKGROUND;
        String uid = null;
        String resourceVersion = null;
        boolean dryRun = isDryRun(request.params().getAll("dryRun"));
        if (body != null && body.isObject()) {
            if (body.hasNonNull("gracePeriodSeconds")) {
                grace = body.get("gracePeriodSeconds").asLong();
            }
            if (body.path("orphanDependents").asBoolean(false)) {
                propagation = DeleteOptions.Propagation.ORPHAN;
            }
            if (body.hasNonNull("propagationPolicy")) {
                propagation = propagation(body.get("propagationPolicy").asText());
            }
            JsonNode preconditions = body.path("preconditions");
            if (preconditions.hasNonNull("uid")) {
                uid = preconditions.get("uid").asText();
            }
            if (preconditions.hasNonNull("resourceVersion")) {
                resourceVersion = preconditions.get("resourceVersion").asText();
            }
            for (JsonNode value : body.path("dryRun")) {
                dryRun |= value.asText().equals("All");
            }
        }
        if (request.getParam("gracePeriodSeconds") != null) {
            grace = parseLong(request.getParam("gracePeriodSeconds"));
        }
        if (request.getParam("propagationPolicy") != null) {
            propagation = propagation(request.getParam("propagationPolicy"));
        }
        if (flag(request.getParam("orphanDependents"))) {
            propagation = DeleteOptions.Propagation.ORPHAN;
        }
        return new DeleteOptions(grace, propagation, uid, resourceVersion, dryRun);
    }

    private static DeleteOptions.Propagation propagation(String value) {
        return switch (value) {
            case "Orphan" -> DeleteOptions.Propagation.ORPHAN;
            case "Foreground" -> DeleteOptions.Propagation.FOREGROUND;
            case "Background", "" -> DeleteOptions.Propagation.BACKGROUND;
            default -> throw StoreException.badRequest("propagationPolicy: Unsupported value: \"" + value + "\"");
        };
    }

    // ---------------------------------------------------------------- helpers

    private static boolean wantsTable(HttpServerRequest request) {
        String accept = request.getHeader("Accept");
        return accept != null && accept.contains("as=Table");
    }

    private static TableRenderer.IncludeObject include(HttpServerRequest request) {
        return TableRenderer.IncludeObject.parse(request.getParam("includeObject"));
    }

    private static boolean isDryRun(List<String> values) {
        return values != null && values.contains("All");
    }

    private static boolean flag(String value) {
        return value != null && (value.equals("true") || value.equals("1"));
    }

    private static long parseLong(String value) {
        if (value == null || value.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw StoreException.badRequest("not a number: " + value);
        }
    }

    private static String header(HttpServerRequest request, String name) {
        String value = request.getHeader(name);
        return value == null ? "" : value;
    }

    private static StoreException notFound() {
        return StoreException.of(StatusReason.NOT_FOUND, "the server could not find the requested resource");
    }

    private static StoreException forbidden(ResourceType type, String verb, String subresource, String namespace) {
        String resource = subresource == null ? type.plural() : type.plural() + "/" + subresource;
        return StoreException.forbidden(resource + " is forbidden: User \"" + Kubeconfig.USER + "\" cannot " + verb
                + " resource \"" + resource + "\" in API group \"" + type.group() + "\""
                + (namespace == null ? " at the cluster scope" : " in the namespace \"" + namespace + "\""));
    }

    static void json(HttpServerResponse response, int code, JsonNode body) {
        response.setStatusCode(code).putHeader("Content-Type", JSON).end(Buffer.buffer(Json.bytes(body)));
    }

    static void error(HttpServerResponse response, StoreException e) {
        if (response.ended() || response.headWritten()) {
            return;
        }
        json(response, e.code(), e.toStatus());
    }
}
