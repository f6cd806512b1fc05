package io.meshfleet.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The deploy/ directory and the repository around it, and YAML parsing of what lives there. */
final class DeployTree {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** The kustomizations a user renders: the hub overlays and the agent base. */
    static final List<String> KUSTOMIZATIONS = List.of("hub/overlays/laptop", "hub/overlays/production", "agent/base");

    private DeployTree() {
    }

    /** deploy/ (the module's base directory, where surefire runs). */
    static Path root() {
        Path here = Path.of("").toAbsolutePath();
        if (!Files.isRegularFile(here.resolve("kafka/topics.tsv"))) {
            throw new IllegalStateException("run the deploy tests from the deploy module (found no kafka/topics.tsv in "
                    + here + ")");
        }
        return here;
    }

    /** The repository root, with the service modules. */
    static Path repository() {
        return root().getParent();
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every document of a multi-document YAML text (empty documents dropped). */
    static List<JsonNode> documents(String yaml) {
        List<JsonNode> docs = new ArrayList<>();
        try (YAMLParser parser = new YAMLFactory().createParser(yaml)) {
            for (var it = YAML.readValues(parser, JsonNode.class); it.hasNext(); ) {
                JsonNode doc = it.next();
                if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
                    docs.add(doc);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return docs;
    }

    /** The documents of {@code docs} of one kind. */
    static List<JsonNode> ofKind(List<JsonNode> docs, String kind) {
        return docs.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
    }

    /** The one document of that kind and name. */
    static JsonNode named(List<JsonNode> docs, String kind, String name) {
        return ofKind(docs, kind).stream().filter(d -> name.equals(d.path("metadata").path("name").asText()))
                .findFirst().orElse(MissingNode.getInstance());
    }

    /** The rows of a tab-separated data file, comments and blank lines dropped. */
    static List<String[]> tsv(Path file) {
        return read(file).lines().filter(l -> !l.isBlank() && !l.startsWith("#"))
                .map(l -> l.split("\t", -1)).toList();
    }

    /** The rows of a whitespace-separated data file (topics.tsv), comments and blank lines dropped. */
    static List<String[]> columns(Path file, int limit) {
        return read(file).lines().filter(l -> !l.isBlank() && !l.strip().startsWith("#"))
                .map(l -> l.strip().split("\\s+", limit)).toList();
    }

    /** The Java sources under every module's src/main/java. */
    static List<Path> mainSources() {
        try (Stream<Path> modules = Files.list(repository())) {
            List<Path> sources = new ArrayList<>();
            for (Path module : modules.filter(Files::isDirectory).toList()) {
                Path main = module.resolve("src/main/java");
                if (Files.isDirectory(main)) {
                    try (Stream<Path> walk = Files.walk(main)) {
                        walk.filter(p -> p.toString().endsWith(".java")).forEach(sources::add);
                    }
                }
            }
            return sources;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
