package io.meshfleet.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PassCoalescerTest {

    private static final Duration DELAY = Duration.ofMillis(200);

    private final List<Runnable> scheduled = new ArrayList<>();
    private final List<Duration> delays = new ArrayList<>();
    private final List<String> passed = new ArrayList<>();
    private final PassCoalescer coalescer = new PassCoalescer(DELAY, (task, delay) -> {
        scheduled.add(task);
        delays.add(delay);
    }, passed::add);

    @Test
    void manyRequestsBeforeThePassRunShareOnePassPerPlan() {
        for (int report = 0; report < 50; report++) {
            coalescer.request("plan-a");
            coalescer.request("plan-b");
        }
        assertThat(scheduled).as("one pass scheduled for the whole burst").hasSize(1);
        assertThat(delays).containsExactly(DELAY);
        assertThat(passed).isEmpty();

        runScheduled();
        assertThat(passed).containsExactly("plan-a", "plan-b");
        assertThat(coalescer.pending()).isEmpty();
    }

    @Test
    void aRequestAfterThePassBeganGetsAPassOfItsOwn() {
        List<String> order = new ArrayList<>();
        PassCoalescer[] self = new PassCoalescer[1];
        self[0] = new PassCoalescer(DELAY, (task, delay) -> scheduled.add(task), planId -> {
            order.add(planId);
            if (order.size() == 1) {
                self[0].request(planId); // a report that arrives while the pass reads the plan
            }
        });
        self[0].request("plan-a");
        runScheduled();
        assertThat(order).as("the report that came during the pass was not swallowed").containsExactly("plan-a");
        assertThat(scheduled).as("a second pass was scheduled for it").hasSize(1);
        runScheduled();
        assertThat(order).containsExactly("plan-a", "plan-a");
        assertThat(scheduled).isEmpty();
    }

    @Test
    void onItsOwnThreadPassesRunThereAndCloseStopsIt() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        List<String> threads = new CopyOnWriteArrayList<>();
        try (PassCoalescer own = PassCoalescer.onOwnThread("test-passes", Duration.ofMillis(10), subject -> {
            threads.add(Thread.currentThread().getName() + " " + subject);
            ran.countDown();
        })) {
            own.request("fleet");
            assertThat(ran.await(10, TimeUnit.SECONDS)).as("the pass ran").isTrue();
            assertThat(threads).containsExactly("test-passes fleet");
            own.close();
            own.request("fleet"); // after close: dropped, not thrown
            assertThat(own.pending()).containsExactly("fleet");
        }
    }

    @Test
    void nothingRequestedNothingScheduled() {
        assertThat(scheduled).isEmpty();
        assertThat(coalescer.pending()).isEmpty();
    }

    private void runScheduled() {
        List<Runnable> due = List.copyOf(scheduled);
        scheduled.clear();
        due.forEach(Runnable::run);
    }
}
