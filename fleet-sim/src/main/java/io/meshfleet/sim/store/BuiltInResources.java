package io.meshfleet.sim.store;

import static io.meshfleet.sim.store.Subresource.EVICTION;
import static io.meshfleet.sim.store.Subresource.SCALE;
import static io.meshfleet.sim.store.Subresource.STATUS;

import java.util.List;

/** The resource types every simulated cluster serves out of the box, as constants for controllers and tests. */
public final class BuiltInResources {

    public static final ResourceType NAMESPACES = ResourceType.clusterScoped("", "v1", "Namespace", "namespaces")
            .withShortNames("ns").withSubresources(STATUS);
    public static final ResourceType PODS = ResourceType.namespaced("", "v1", "Pod", "pods")
            .withShortNames("po").withCategories("all").withSubresources(STATUS, EVICTION);
    public static final ResourceType SERVICES = ResourceType.namespaced("", "v1", "Service", "services")
            .withShortNames("svc").withCategories("all").withSubresources(STATUS);
    public static final ResourceType CONFIG_MAPS = ResourceType.namespaced("", "v1", "ConfigMap", "configmaps")
            .withShortNames("cm");
    public static final ResourceType SECRETS = ResourceType.namespaced("", "v1", "Secret", "secrets");
    public static final ResourceType SERVICE_ACCOUNTS =
            ResourceType.namespaced("", "v1", "ServiceAccount", "serviceaccounts").withShortNames("sa");
    public static final ResourceType EVENTS = ResourceType.namespaced("", "v1", "Event", "events")
            .withShortNames("ev");
    /** Stored only: no volume is provisioned or bound (the simulated pods never mount anything). */
    public static final ResourceType PERSISTENT_VOLUME_CLAIMS =
            ResourceType.namespaced("", "v1", "PersistentVolumeClaim", "persistentvolumeclaims")
                    .withShortNames("pvc").withSubresources(STATUS);
    public static final ResourceType NODES = ResourceType.clusterScoped("", "v1", "Node", "nodes")
            .withShortNames("no").withSubresources(STATUS);

    public static final ResourceType DEPLOYMENTS = ResourceType.namespaced("apps", "v1", "Deployment", "deployments")
            .withShortNames("deploy").withCategories("all").withSubresources(STATUS, SCALE).withGeneration();
    public static final ResourceType REPLICA_SETS = ResourceType.namespaced("apps", "v1", "ReplicaSet", "replicasets")
            .withShortNames("rs").withCategories("all").withSubresources(STATUS, SCALE).withGeneration();
    public static final ResourceType STATEFUL_SETS =
            ResourceType.namespaced("apps", "v1", "StatefulSet", "statefulsets")
                    .withShortNames("sts").withCategories("all").withSubresources(STATUS, SCALE).withGeneration();
    public static final ResourceType DAEMON_SETS = ResourceType.namespaced("apps", "v1", "DaemonSet", "daemonsets")
            .withShortNames("ds").withCategories("all").withSubresources(STATUS).withGeneration();

    public static final ResourceType JOBS = ResourceType.namespaced("batch", "v1", "Job", "jobs")
            .withCategories("all").withSubresources(STATUS).withGeneration();

    public static final ResourceType POD_DISRUPTION_BUDGETS =
            ResourceType.namespaced("policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets")
                    .withShortNames("pdb").withSubresources(STATUS).withGeneration();

    public static final ResourceType LEASES = ResourceType.namespaced("coordination.k8s.io", "v1", "Lease", "leases");

    public static final ResourceType ROLES =
            ResourceType.namespaced("rbac.authorization.k8s.io", "v1", "Role", "roles");
    public static final ResourceType ROLE_BINDINGS =
            ResourceType.namespaced("rbac.authorization.k8s.io", "v1", "RoleBinding", "rolebindings");
    public static final ResourceType CLUSTER_ROLES =
            ResourceType.clusterScoped("rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles");
    public static final ResourceType CLUSTER_ROLE_BINDINGS =
            ResourceType.clusterScoped("rbac.authorization.k8s.io", "v1", "ClusterRoleBinding", "clusterrolebindings");

    /** Answered from the cluster's access policy, never stored. */
    public static final ResourceType SELF_SUBJECT_ACCESS_REVIEWS = ResourceType.clusterScoped(
            "authorization.k8s.io", "v1", "SelfSubjectAccessReview", "selfsubjectaccessreviews").withVerbs("create");

    /** The Istio operator's CustomResource, as the {@code istio-operator} CRD defines it. */
    public static final ResourceType ISTIO_OPERATORS =
            ResourceType.namespaced("install.istio.io", "v1alpha1", "IstioOperator", "istiooperators")
                    .withShortNames("iop", "io").withSubresources(STATUS).withGeneration();

    /** All of the above, in discovery order. */
    public static final List<ResourceType> ALL = List.of(
            NAMESPACES, PODS, SERVICES, CONFIG_MAPS, SECRETS, SERVICE_ACCOUNTS, EVENTS, PERSISTENT_VOLUME_CLAIMS, NODES,
            DEPLOYMENTS, REPLICA_SETS, STATEFUL_SETS, DAEMON_SETS,
            JOBS,
            POD_DISRUPTION_BUDGETS,
            LEASES,
            ROLES, ROLE_BINDINGS, CLUSTER_ROLES, CLUSTER_ROLE_BINDINGS,
            SELF_SUBJECT_ACCESS_REVIEWS,
            ISTIO_OPERATORS);

    private BuiltInResources() {
    }
}
