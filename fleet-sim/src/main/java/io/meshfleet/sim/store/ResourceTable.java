package io.meshfleet.sim.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The immutable set of resource types one cluster serves. Everything (storage, discovery, routing) reads it, so
 * serving another kind is one {@link #with(ResourceType)}.
 */
public final class ResourceTable {

    private static final ResourceTable BUILT_IN = new ResourceTable(BuiltInResources.ALL);

    private final List<ResourceType> types;
    private final Map<String, ResourceType> byPath;

    private ResourceTable(List<ResourceType> types) {
        this.types = List.copyOf(types);
        Map<String, ResourceType> paths = new LinkedHashMap<>();
        for (ResourceType type : this.types) {
            paths.put(type.apiVersion() + "/" + type.plural(), type);
        }
        this.byPath = paths;
    }

    /** The built-in table (core, apps, batch, policy, coordination, rbac, authorization, IstioOperator). */
    public static ResourceTable builtIn() {
        return BUILT_IN;
    }

    /** A table of exactly these types. */
    public static ResourceTable of(List<ResourceType> types) {
        return new ResourceTable(types);
    }

    /** A new table with the type added, replacing one with the same group, version and plural. */
    public ResourceTable with(ResourceType type) {
        List<ResourceType> next = new ArrayList<>();
        for (ResourceType existing : types) {
            if (!(existing.apiVersion().equals(type.apiVersion()) && existing.plural().equals(type.plural()))) {
                next.add(existing);
            }
        }
        next.add(type);
        return new ResourceTable(next);
    }

    /** Every type, in registration order. */
    public List<ResourceType> types() {
        return types;
    }

    /** The type served at {@code apiVersion} with this plural. */
    public Optional<ResourceType> find(String apiVersion, String plural) {
        return Optional.ofNullable(byPath.get(apiVersion + "/" + plural));
    }

    /** Whether this table serves the type. */
    public boolean contains(ResourceType type) {
        return type.equals(byPath.get(type.apiVersion() + "/" + type.plural()));
    }

    /** The groups served (core excluded), each once, in registration order. */
    public List<String> groups() {
        Set<String> groups = new LinkedHashSet<>();
        for (ResourceType type : types) {
            if (!type.group().isEmpty()) {
                groups.add(type.group());
            }
        }
        return List.copyOf(groups);
    }

    /** The versions served for a group. */
    public List<String> versions(String group) {
        Set<String> versions = new LinkedHashSet<>();
        for (ResourceType type : types) {
            if (type.group().equals(group)) {
                versions.add(type.version());
            }
        }
        return List.copyOf(versions);
    }

    /** The types of one group version ({@code v1}, {@code apps/v1}). */
    public List<ResourceType> typesOf(String apiVersion) {
        List<ResourceType> result = new ArrayList<>();
        for (ResourceType type : types) {
            if (type.apiVersion().equals(apiVersion)) {
                result.add(type);
            }
        }
        return result;
    }
}
