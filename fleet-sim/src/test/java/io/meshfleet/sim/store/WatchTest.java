package io.meshfleet.sim.store;

import static io.meshfleet.sim.store.BuiltInResources.CONFIG_MAPS;
import static io.meshfleet.sim.store.BuiltInResources.NAMESPACES;
import static io.meshfleet.sim.store.BuiltInResources.PODS;
import static io.meshfleet.sim.store.TestObjects.namespace;
import static io.meshfleet.sim.store.TestObjects.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WatchTest {

    private ClusterStore store;
    private final List<String> seen = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        store = new ClusterStore("test", new MutableClock(Instant.parse("2025-03-01T10:00:00Z")),
                ResourceTable.builtIn(), StoreOptions.DEFAULTS.withHistoryLimit(8));
        store.create(NAMESPACES, null, namespace("shop"));
        store.create(NAMESPACES, null, namespace("other"));
    }

    private WatchListener recorder() {
        return event -> seen.add(event.type() + " " + event.object().name());
    }

    @Test
    void startsWithTheCurrentObjectsThenStreamsChanges() {
        store.create(PODS, "shop", pod("a", Map.of(), "app"));
        try (StoreWatch watch = store.watch(PODS, recorder())) {
            store.create(PODS, "shop", pod("b", Map.of(), "app"));
            store.edit(PODS, "shop", "a", p -> p.withObjectProperty("metadata").putObject("labels").put("x", "1"));
            store.delete(PODS, "shop", "b");
        }
        store.create(PODS, "shop", pod("after-close", Map.of(), "app"));
        assertThat(seen).containsExactly("ADDED a", "ADDED b", "MODIFIED a", "DELETED b");
    }

    @Test
    void namespaceAndTypeScopeTheWatch() {
        try (StoreWatch watch = store.watch(PODS, "shop", Selector.ALL, null, recorder())) {
            store.create(PODS, "other", pod("elsewhere", Map.of(), "app"));
            store.create(CONFIG_MAPS, "shop", ClusterStoreTest.configMap("cfg", "v"));
            store.create(PODS, "shop", pod("here", Map.of(), "app"));
        }
        assertThat(seen).containsExactly("ADDED here");
    }

    @Test
    void objectsMovingInAndOutOfTheSelectorAreAddedAndDeleted() {
        store.create(PODS, "shop", pod("a", Map.of("app", "web"), "app"));
        try (StoreWatch watch = store.watch(PODS, "shop", Selector.labels("app=web"), null, recorder())) {
            store.edit(PODS, "shop", "a", p -> p.withObjectProperty("metadata").putObject("labels").put("app", "db"));
            store.edit(PODS, "shop", "a", p -> p.withObjectProperty("metadata").putObject("labels").put("app", "api"));
            store.edit(PODS, "shop", "a", p -> p.withObjectProperty("metadata").putObject("labels").put("app", "web"));
        }
        assertThat(seen).containsExactly("ADDED a", "DELETED a", "ADDED a");
    }

    @Test
    void resumesFromAResourceVersionWithinTheHistory() {
        store.create(PODS, "shop", pod("a", Map.of(), "app"));
        String resumeFrom = Long.toString(store.resourceVersion());
        store.create(PODS, "shop", pod("b", Map.of(), "app"));
        store.delete(PODS, "shop", "a");
        try (StoreWatch watch = store.watch(PODS, "shop", Selector.ALL, resumeFrom, recorder())) {
            store.create(PODS, "shop", pod("c", Map.of(), "app"));
        }
        assertThat(seen).containsExactly("ADDED b", "DELETED a", "ADDED c");
    }

    @Test
    void aResourceVersionOlderThanTheHistoryIsGone() {
        store.create(PODS, "shop", pod("a", Map.of(), "app"));
        String tooOld = Long.toString(store.resourceVersion());
        for (int i = 0; i < 10; i++) {
            store.create(CONFIG_MAPS, "shop", ClusterStoreTest.configMap("cm-" + i, "v"));
        }
        assertThatThrownBy(() -> store.watch(PODS, "shop", Selector.ALL, tooOld, recorder()))
                .isInstanceOfSatisfying(StoreException.class, e -> {
                    assertThat(e.code()).isEqualTo(410);
                    assertThat(e.reason()).isEqualTo(StatusReason.EXPIRED);
                });
        assertThat(store.oldestWatchableResourceVersion()).isGreaterThan(Long.parseLong(tooOld));
    }

    @Test
    void listenersThatWriteSeeTheirOwnChangesInOrderNotNested() {
        try (StoreWatch echo = store.watch(PODS, "shop", Selector.ALL, null, event -> {
            if (event.type() == WatchEvent.Type.ADDED && !event.object().name().endsWith("-echo")) {
                store.create(PODS, "shop", pod(event.object().name() + "-echo", Map.of(), "app"));
            }
        }); StoreWatch watch = store.watch(PODS, "shop", Selector.ALL, null, recorder())) {
            store.create(PODS, "shop", pod("a", Map.of(), "app"));
            store.create(PODS, "shop", pod("b", Map.of(), "app"));
        }
        assertThat(seen).containsExactly("ADDED a", "ADDED a-echo", "ADDED b", "ADDED b-echo");
        List<String> byVersion = store.list(PODS, "shop").items().stream()
                .sorted(java.util.Comparator.comparingLong(StoredObject::resourceVersion))
                .map(o -> "ADDED " + o.name()).toList();
        assertThat(seen).isEqualTo(byVersion);
    }

    @Test
    void theInitialEventsEndIsSignalled() {
        store.create(PODS, "shop", pod("a", Map.of(), "app"));
        long[] end = {-1};
        try (StoreWatch watch = store.watch(PODS, "shop", Selector.ALL, "0", new WatchListener() {
            @Override
            public void onEvent(WatchEvent event) {
                seen.add(event.type() + " " + event.object().name());
            }

            @Override
            public void onInitialEventsEnd(long resourceVersion) {
                end[0] = resourceVersion;
                seen.add("END");
            }
        })) {
            store.create(PODS, "shop", pod("b", Map.of(), "app"));
        }
        assertThat(seen).containsExactly("ADDED a", "END", "ADDED b");
        assertThat(end[0]).isEqualTo(store.resourceVersion() - 1);
    }
}
