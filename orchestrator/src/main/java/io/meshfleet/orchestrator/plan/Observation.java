package io.meshfleet.orchestrator.plan;

import java.util.Map;

/**
 * Something that happened since the last decision pass: an operator request or an answer from an
 * agent or the roller. Answers carry the correlation id of the command they answer (null when the
 * sender did not set one); the decider ignores answers of an earlier attempt and answers that do not
 * fit the cluster's step (duplicates, out of order).
 */
public sealed interface Observation {

    /** An operator request. {@code wave} for APPROVE (null: the wave awaiting approval), {@code clusterId} for RETRY. */
    record Operator(OperatorAction action, String actor, String reason, Integer wave, String clusterId)
            implements Observation {
    }

    /** An agent's PreflightResult. */
    record PreflightDone(String clusterId, String correlationId, boolean passed, boolean adminCluster,
                         String currentVersion, Map<String, Object> overlay, String detail) implements Observation {
    }

    /** An agent's InstallResult. */
    record InstallDone(String clusterId, String correlationId, String version, boolean succeeded, String detail)
            implements Observation {
    }

    /** An agent's SmokeTestResult (one check). */
    record SmokeResult(String clusterId, String correlationId, String check, boolean passed, String detail)
            implements Observation {
    }

    /** An agent's CommandRefused; {@code reason} is the refusal reason's name, then its detail. */
    record Refused(String clusterId, String correlationId, String commandType, String reason)
            implements Observation {

        /**
         * Whether the agent refused a second delivery of a command it had already taken (same nonce). The outbox
         * may send a command twice (a crash between the broker's ack and marking the row sent); the first delivery
         * is executed and answered, so this refusal says nothing about the cluster.
         */
        public boolean replayed() {
            return reason != null && reason.startsWith("REPLAYED");
        }
    }

    /** sidecar-roller's RollFailed. */
    record RollFailed(String clusterId, String correlationId, String namespace, String reason)
            implements Observation {
    }
}
