# The sidecar-roller as a Quarkus JVM image. Build the fast-jar first (./mvnw -pl sidecar-roller -am package -DskipTests), then
# from the repository root:  docker build -f deploy/docker/sidecar-roller.Dockerfile -t meshfleet/sidecar-roller:0.1.0 sidecar-roller
FROM registry.access.redhat.com/ubi9/openjdk-17-runtime:1.21

ENV LANGUAGE='en_US:en'

# The fast-jar layout, dependencies first so that a code change rebuilds only the last layers.
COPY --chown=185 target/quarkus-app/lib/ /deployments/lib/
COPY --chown=185 target/quarkus-app/*.jar /deployments/
COPY --chown=185 target/quarkus-app/app/ /deployments/app/
COPY --chown=185 target/quarkus-app/quarkus/ /deployments/quarkus/

# Quarkus reads config/application.properties of its working directory: the optional Kafka client
# settings Secret (meshfleet-kafka-client) is mounted at /deployments/config.
WORKDIR /deployments
EXPOSE 8083
USER 185
ENV JAVA_OPTS_APPEND="-Dquarkus.http.host=0.0.0.0 -Djava.util.logging.manager=org.jboss.logmanager.LogManager"
ENV JAVA_APP_JAR="/deployments/quarkus-run.jar"

ENTRYPOINT [ "/opt/jboss/container/java/run/run-java.sh" ]
