# syntax=docker/dockerfile:1.7
#
# One image per service, from one parameterised Dockerfile:
#   docker build --build-arg SERVICE=inventory --build-arg PORT=8083 -t syspatterns/inventory-service:local .
# Multi-architecture (the jar is the same on every CPU, so Maven runs once on the build machine's platform):
#   docker buildx build --platform linux/amd64,linux/arm64 --build-arg SERVICE=inventory --build-arg PORT=8083 \
#     -t registry.example.com/syspatterns/inventory-service:0.1.0 --push .
# docker-compose.yml passes SERVICE and PORT for every service; deployment-tests check they match the code.

ARG JAVA_VERSION=25

# ---- build: the service's Spring Boot jar, from the whole multi-module reactor --------------------------------
FROM --platform=$BUILDPLATFORM eclipse-temurin:${JAVA_VERSION}-jdk AS build
ARG SERVICE
RUN test -n "$SERVICE" || (echo "build with --build-arg SERVICE=<gateway|realtime|jobs|inventory|media|workflow|geo>" >&2; exit 1)
WORKDIR /src
COPY . .
# The Maven repository is a cache mount: rebuilding another service does not download the world again.
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -pl "${SERVICE}-service" -am -DskipTests -Dspotless.check.skip=true package \
 && cp "${SERVICE}-service/target/${SERVICE}-service-"*.jar /app.jar

# ---- extract: Spring Boot layers, so a code change rebuilds only the small application layer -----------------
FROM --platform=$BUILDPLATFORM eclipse-temurin:${JAVA_VERSION}-jdk AS extract
WORKDIR /extract
COPY --from=build /app.jar app.jar
RUN java -Djarmode=tools -jar app.jar extract --layers --launcher --destination layers

# ---- runtime: a JRE, a non-root user, container-aware JVM flags ------------------------------------------------
FROM eclipse-temurin:${JAVA_VERSION}-jre
ARG SERVICE
ARG PORT
RUN test -n "$PORT" || (echo "build with --build-arg PORT=<the service's server.port>" >&2; exit 1)
# The JRE image has no curl any more (adoptium/containers#675); the HEALTHCHECK needs an HTTP client.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 app \
 && useradd --system --uid 10001 --gid app --no-create-home --shell /usr/sbin/nologin app
WORKDIR /app
# Least-changing layers first.
COPY --from=extract /extract/layers/dependencies/ ./
COPY --from=extract /extract/layers/spring-boot-loader/ ./
COPY --from=extract /extract/layers/snapshot-dependencies/ ./
COPY --from=extract /extract/layers/application/ ./
USER 10001:10001

# Heap sized from the container's memory limit (not the host's), leaving room for metaspace, thread stacks
# and direct buffers; a JVM that runs out of memory exits so the orchestrator restarts it.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=70 -XX:InitialRAMPercentage=30 -XX:+ExitOnOutOfMemoryError -XX:+UseG1GC -Djava.security.egd=file:/dev/./urandom" \
    APP_SERVICE=${SERVICE} \
    APP_PORT=${PORT}
EXPOSE ${PORT}
HEALTHCHECK --interval=10s --timeout=3s --start-period=90s --retries=5 \
  CMD curl -fsS "http://127.0.0.1:${APP_PORT}/actuator/health/readiness" >/dev/null || exit 1
ENTRYPOINT ["java", "--enable-native-access=ALL-UNNAMED", "org.springframework.boot.loader.launch.JarLauncher"]
