# syntax=docker/dockerfile:1
# One image with the services' runnable jars (the four of the pipeline, the capture-proxy and the console); the container's command names the jar to run,
# e.g. `docker run IMAGE cdc-capture.jar --help`. Configured by MILVUS_MIGRATE_* environment
# variables (docs/CONFIGURATION.md). Used by docker-compose.yml.

FROM maven:3.9.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q -pl snapshot-exporter,cdc-capture,sink-writer,lag-monitor,capture-proxy,console -am package -DskipTests

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 --home-dir /opt/milvus-migrate milvus-migrate \
    && mkdir -p /var/lib/milvus-migrate && chown milvus-migrate /var/lib/milvus-migrate
WORKDIR /opt/milvus-migrate
COPY --from=build /src/snapshot-exporter/target/snapshot-exporter.jar \
    /src/cdc-capture/target/cdc-capture.jar \
    /src/sink-writer/target/sink-writer.jar \
    /src/lag-monitor/target/lag-monitor.jar \
    /src/capture-proxy/target/capture-proxy.jar \
    /src/console/target/console.jar ./
USER milvus-migrate
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar"]
CMD ["lag-monitor.jar", "--help"]
