package io.meshfleet.sim.controllers;

import static io.meshfleet.sim.store.BuiltInResources.PODS;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshfleet.sim.fleet.ClusterSeed;
import io.meshfleet.sim.scenario.ClusterSpec;
import io.meshfleet.sim.scenario.Scenario;
import io.meshfleet.sim.scenario.ScenarioReader;
import io.meshfleet.sim.store.ClusterStore;
import io.meshfleet.sim.store.Json;
import io.meshfleet.sim.store.MutableClock;
import io.meshfleet.sim.store.PatchType;
import io.meshfleet.sim.store.ResourceType;
import io.meshfleet.sim.store.StoredObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One seeded cluster with its controllers in virtual time: no HTTP, no threads, every step on the test's thread, so a
 * test can look at the cluster between any two simulated seconds.
 */
final class TestCluster implements AutoCloseable {

    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    final ManualScheduler scheduler = new ManualScheduler(clock);
    final ClusterStore store;
    final ClusterControllers controllers;
    final Scenario scenario;

    private TestCluster(String yaml, ControllerEvents events) {
        scenario = ScenarioReader.read(yaml, "test scenario");
        ClusterSpec spec = scenario.clusters().get(0);
        store = new ClusterStore(spec.name(), clock);
        controllers = new ClusterControllers(store, scenario.delays(), spec.faults(), scheduler, new ActivityTracker(),
                events).start();
        controllers.booting(true);
        ClusterSeed.seed(store, spec);
        scheduler.runUntilIdle();
        controllers.booting(false);
    }

    /** A cluster from a one-cluster scenario. */
    static TestCluster of(String yaml) {
        return new TestCluster(yaml, ControllerEvents.NONE);
    }

    /** A cluster from a one-cluster scenario whose install events go to {@code events}. */
    static TestCluster of(String yaml, ControllerEvents events) {
        return new TestCluster(yaml, events);
    }

    /** Moves simulated time. */
    void advance(Duration duration) {
        scheduler.advance(duration);
    }

    /** The pods of a namespace, parsed. */
    List<PodView> pods(String namespace) {
        List<PodView> pods = new ArrayList<>();
        for (StoredObject object : store.list(PODS, namespace).items()) {
            pods.add(PodView.of(object.node()));
        }
        return pods;
    }

    /** The pods of one workload. */
    List<PodView> pods(String namespace, String workload) {
        return pods(namespace).stream().filter(p -> p.workload().equals(workload)).toList();
    }

    /** What {@code kubectl rollout restart} does to a Deployment, StatefulSet or DaemonSet. */
    void restart(ResourceType type, String namespace, String name) {
        ObjectNode patch = Json.object();
        patch.putObject("spec").putObject("template").putObject("metadata").putObject("annotations")
                .put(Labels.RESTARTED_AT, clock.instant().toString());
        store.patch(type, namespace, name, PatchType.STRATEGIC_MERGE, patch);
        scheduler.runUntilIdle();
    }

    /** A stored object's tree. */
    ObjectNode get(ResourceType type, String namespace, String name) {
        return store.require(type, namespace, name);
    }

    @Override
    public void close() {
        controllers.close();
    }
}
