package io.meshfleet.sim.store;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One kind of object a simulated cluster serves: the row of the resource table that drives the store, discovery,
 * URL routing and table printing. Register more (CustomResources) with {@link ResourceTable#with(ResourceType)}.
 *
 * @param group API group, "" for core
 * @param version API version
 * @param kind object kind
 * @param plural URL path segment
 * @param namespaced whether objects live in namespaces
 * @param shortNames kubectl short names ({@code po}, {@code deploy})
 * @param categories kubectl categories ({@code all})
 * @param subresources offered subresources
 * @param verbs the verbs discovery lists and the server accepts
 * @param tracksGeneration whether {@code metadata.generation} counts changes outside metadata and status
 */
public record ResourceType(
        String group,
        String version,
        String kind,
        String plural,
        boolean namespaced,
        List<String> shortNames,
        List<String> categories,
        Set<Subresource> subresources,
        List<String> verbs,
        boolean tracksGeneration) {

    /** The verbs of an ordinary stored resource. */
    public static final List<String> ALL_VERBS =
            List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

    /** Defensive copies. */
    public ResourceType {
        shortNames = List.copyOf(shortNames);
        categories = List.copyOf(categories);
        subresources = subresources.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(subresources));
        verbs = List.copyOf(verbs);
    }

    /** A namespaced resource with every verb, no short names, categories or subresources. */
    public static ResourceType namespaced(String group, String version, String kind, String plural) {
        return new ResourceType(group, version, kind, plural, true, List.of(), List.of(), Set.of(), ALL_VERBS, false);
    }

    /** A cluster-scoped resource with every verb. */
    public static ResourceType clusterScoped(String group, String version, String kind, String plural) {
        return new ResourceType(group, version, kind, plural, false, List.of(), List.of(), Set.of(), ALL_VERBS, false);
    }

    /** This type with the given short names. */
    public ResourceType withShortNames(String... names) {
        return new ResourceType(group, version, kind, plural, namespaced, List.of(names), categories, subresources,
                verbs, tracksGeneration);
    }

    /** This type in the given categories. */
    public ResourceType withCategories(String... names) {
        return new ResourceType(group, version, kind, plural, namespaced, shortNames, List.of(names), subresources,
                verbs, tracksGeneration);
    }

    /** This type with the given subresources. */
    public ResourceType withSubresources(Subresource first, Subresource... rest) {
        return new ResourceType(group, version, kind, plural, namespaced, shortNames, categories,
                EnumSet.of(first, rest), verbs, tracksGeneration);
    }

    /** This type accepting only the given verbs. */
    public ResourceType withVerbs(String... names) {
        return new ResourceType(group, version, kind, plural, namespaced, shortNames, categories, subresources,
                List.of(names), tracksGeneration);
    }

    /** This type counting {@code metadata.generation}. */
    public ResourceType withGeneration() {
        return new ResourceType(group, version, kind, plural, namespaced, shortNames, categories, subresources,
                verbs, true);
    }

    /** {@code v1} or {@code apps/v1}. */
    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** {@code pods} or {@code deployments.apps}, as error messages name resources. */
    public String groupResource() {
        return group.isEmpty() ? plural : plural + "." + group;
    }

    /** The singular name discovery advertises. */
    public String singular() {
        return kind.toLowerCase(Locale.ROOT);
    }

    /** {@code PodList}. */
    public String listKind() {
        return kind + "List";
    }

    /** Whether the subresource is offered. */
    public boolean has(Subresource subresource) {
        return subresources.contains(subresource);
    }

    /** Whether the verb is accepted. */
    public boolean allows(String verb) {
        return verbs.contains(verb);
    }

    /** A stable identity ({@code apps/deployments}); one version per group is served. */
    public String key() {
        return group + "/" + plural;
    }
}
