package io.meshfleet.sim.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.Config;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeconfigTest {

    @Test
    void oneContextPerClusterThatFabric8Reads(@TempDir Path dir) {
        try (SimApiServer server = new SimApiServer()) {
            server.start();
            SimCluster a = server.addCluster("edge-a");
            SimCluster b = server.addCluster("edge-b");
            Path file = Kubeconfig.write(dir.resolve("nested/kubeconfig"), a, b);

            Config first = Config.fromKubeconfig(null, file.toFile());
            assertThat(first.getCurrentContext().getName()).isEqualTo("edge-a");
            assertThat(first.getMasterUrl()).isEqualTo(a.url() + "/");
            assertThat(first.getAutoOAuthToken()).isEqualTo(Kubeconfig.TOKEN);
            assertThat(first.getNamespace()).isEqualTo("default");

            Config second = Config.fromKubeconfig("edge-b", file.toFile());
            assertThat(second.getMasterUrl()).isEqualTo(b.url() + "/");
            assertThat(second.getContexts()).hasSize(2);
        }
    }
}
