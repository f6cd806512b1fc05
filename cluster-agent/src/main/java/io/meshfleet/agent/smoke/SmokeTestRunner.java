package io.meshfleet.agent.smoke;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.meshfleet.events.RunSmokeTests;
import io.meshfleet.events.SmokeCheck;
import io.meshfleet.events.SmokeTestResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Executes {@link RunSmokeTests}: each check in order, all within the command's deadline, one
 * {@link SmokeTestResult} per check. HTTP checks GET the URL and compare status (and optionally look for text
 * in the body). Job checks run the image and command as a Job in namespace {@value #NAMESPACE} (no sidecar, no
 * retries) and pass when the Job succeeds; the Job is deleted afterwards. A check not finished by the deadline
 * fails saying so; checks after the deadline fail without running.
 */
public final class SmokeTestRunner {

    /** Where Job checks run. */
    public static final String NAMESPACE = "meshfleet-smoke";
    private static final Duration POLL = Duration.ofMillis(250);
    private static final int MAX_BODY = 64 * 1024;

    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    public SmokeTestRunner(Clock clock) {
        this.clock = clock;
    }

    /** Runs every check of {@code command} on the cluster of {@code client}; each result goes to {@code results}. */
    public void run(KubernetesClient client, RunSmokeTests command, Consumer<SmokeTestResult> results)
            throws InterruptedException {
        Instant deadline = clock.instant().plusSeconds(command.timeoutSeconds());
        for (SmokeCheck check : command.checks()) {
            if (!clock.instant().isBefore(deadline)) {
                results.accept(new SmokeTestResult(command.clusterId(), check.name(), false,
                        "not run: the smoke tests' deadline of " + command.timeoutSeconds() + "s had passed"));
                continue;
            }
            String failure;
            try {
                failure = switch (check.kind()) {
                    case HTTP -> http(check, deadline);
                    case JOB -> job(client, check, deadline);
                };
            } catch (RuntimeException e) {
                failure = "error: " + e.getMessage();
            }
            boolean passed = failure.startsWith("ok");
            results.accept(new SmokeTestResult(command.clusterId(), check.name(), passed, failure));
        }
    }

    private String http(SmokeCheck check, Instant deadline) throws InterruptedException {
        Duration remaining = Duration.between(clock.instant(), deadline);
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(check.url()))
                    .timeout(remaining).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            String body = new String(response.body(), 0, Math.min(response.body().length, MAX_BODY),
                    java.nio.charset.StandardCharsets.UTF_8);
            return HttpCheck.judge(check, response.statusCode(), body);
        } catch (java.net.http.HttpTimeoutException e) {
            return "GET " + check.url() + " did not answer by the deadline";
        } catch (java.io.IOException e) {
            return "GET " + check.url() + " failed: " + e;
        }
    }

    private String job(KubernetesClient client, SmokeCheck check, Instant deadline) throws InterruptedException {
        if (client.namespaces().withName(NAMESPACE).get() == null) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE)
                    .addToLabels("istio-injection", "disabled").endMetadata().build()).create();
        }
        String name = ("smoke-" + check.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-"));
        name = name.substring(0, Math.min(name.length(), 50)) + "-" + UUID.randomUUID().toString().substring(0, 6);
        Job job = new JobBuilder().withNewMetadata().withName(name).withNamespace(NAMESPACE)
                .addToLabels("app.kubernetes.io/managed-by", "meshfleet").endMetadata()
                .withNewSpec().withBackoffLimit(0)
                .withNewTemplate().withNewMetadata().addToAnnotations("sidecar.istio.io/inject", "false").endMetadata()
                .withNewSpec().withRestartPolicy("Never").addNewContainer().withName("check").withImage(check.image())
                .withCommand(check.command()).endContainer().endSpec().endTemplate().endSpec().build();
        client.batch().v1().jobs().inNamespace(NAMESPACE).resource(job).create();
        try {
            while (clock.instant().isBefore(deadline)) {
                Job now = client.batch().v1().jobs().inNamespace(NAMESPACE).withName(name).get();
                if (now != null && now.getStatus() != null) {
                    if (now.getStatus().getSucceeded() != null && now.getStatus().getSucceeded() > 0) {
                        return "ok: Job " + NAMESPACE + "/" + name + " succeeded";
                    }
                    if (now.getStatus().getFailed() != null && now.getStatus().getFailed() > 0) {
                        return "Job " + NAMESPACE + "/" + name + " failed";
                    }
                }
                Thread.sleep(POLL.toMillis()); // next look at the Job's status
            }
            return "Job " + NAMESPACE + "/" + name + " did not finish by the deadline";
        } finally {
            client.batch().v1().jobs().inNamespace(NAMESPACE).withName(name)
                    .withPropagationPolicy(io.fabric8.kubernetes.api.model.DeletionPropagation.BACKGROUND).delete();
        }
    }
}
