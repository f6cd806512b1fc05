package io.meshfleet.artifact.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshfleet.events.RejectionReason;
import io.meshfleet.release.extract.Platform;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Every platform's and every rejection reason's meters exist at zero from the start; values are kept. */
class MirrorMetersTest {

    @Test
    void everyPlatformAndReasonIsRegisteredAtZero() {
        MeterRegistry meters = new SimpleMeterRegistry();
        MirrorMeters.rejections(meters, RejectionReason.SIGNATURE_INVALID).increment();
        MirrorMeters.verification(meters, Platform.LINUX).record(Duration.ofMillis(40));

        MirrorMeters.register(meters);

        for (Platform platform : Platform.values()) {
            Counter verified = meters.find(MirrorMeters.VERIFIED).tag("platform", platform.id()).counter();
            assertThat(verified).as(platform.id()).isNotNull();
            assertThat(verified.count()).isZero();
            Timer timer = meters.find(MirrorMeters.VERIFICATION).tag("platform", platform.id()).timer();
            assertThat(timer).as(platform.id()).isNotNull();
            assertThat(timer.count()).isEqualTo(platform == Platform.LINUX ? 1 : 0);
        }
        for (RejectionReason reason : RejectionReason.values()) {
            Counter rejections = meters.find(MirrorMeters.REJECTIONS).tag("reason", reason.name()).counter();
            assertThat(rejections).as(reason.name()).isNotNull();
            assertThat(rejections.count()).isEqualTo(reason == RejectionReason.SIGNATURE_INVALID ? 1 : 0);
        }
    }
}
