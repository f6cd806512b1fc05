package io.meshfleet.artifact.mirror;

import io.meshfleet.events.RejectionReason;
import io.meshfleet.release.extract.Platform;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The mirror's per-outcome meters, registered at zero for every platform and rejection reason when the service
 * starts ({@link MirrorWorker}), so that the dashboard's release panels and the rejection alert read 0 rather than
 * "no data" before the first mirror: {@code meshfleet_artifacts_verified_total{platform}},
 * {@code meshfleet_artifacts_verification_seconds{platform}} and {@code meshfleet_artifacts_rejections_total{reason}}.
 */
public final class MirrorMeters {

    public static final String VERIFIED = "meshfleet.artifacts.verified";
    public static final String VERIFICATION = "meshfleet.artifacts.verification";
    public static final String REJECTIONS = "meshfleet.artifacts.rejections";

    private MirrorMeters() {
    }

    /** Registers every meter for every platform and reason (idempotent: existing meters keep their values). */
    public static void register(MeterRegistry meters) {
        for (Platform platform : Platform.values()) {
            verified(meters, platform);
            verification(meters, platform);
        }
        for (RejectionReason reason : RejectionReason.values()) {
            rejections(meters, reason);
        }
    }

    /** Archives verified and recorded, of one platform. */
    public static Counter verified(MeterRegistry meters, Platform platform) {
        return meters.counter(VERIFIED, "platform", platform.id());
    }

    /** Time spent hashing and checking the signature of each archive of one platform. */
    public static Timer verification(MeterRegistry meters, Platform platform) {
        return Timer.builder(VERIFICATION).description("Time spent hashing and checking the signature of each archive")
                .tag("platform", platform.id()).register(meters);
    }

    /** Archives rejected, by reason. */
    public static Counter rejections(MeterRegistry meters, RejectionReason reason) {
        return meters.counter(REJECTIONS, "reason", reason.name());
    }
}
