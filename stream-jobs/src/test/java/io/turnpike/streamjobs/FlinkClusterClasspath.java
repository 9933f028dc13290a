package io.turnpike.streamjobs;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The jars a Flink 2.2 cluster puts beside a job jar — flink-dist's contents (Flink's runtime modules and the
 * libraries they depend on, per Flink's own poms) plus a logging backend — picked from this JVM's class path.
 * Written down here rather than derived from the shade configuration, so a wrong exclusion there cannot hide
 * itself: what the cluster does not hold must be in the job jar.
 */
final class FlinkClusterClasspath {
    /** {@code groupId:artifactId}; logback stands in for the log4j jars of a distribution's lib/. */
    private static final Set<String> CLUSTER_ARTIFACTS = Set.of(
            "org.apache.flink:flink-annotations",
            "org.apache.flink:flink-clients",
            "org.apache.flink:flink-connector-base",
            "org.apache.flink:flink-connector-datagen",
            "org.apache.flink:flink-core",
            "org.apache.flink:flink-core-api",
            "org.apache.flink:flink-datastream",
            "org.apache.flink:flink-datastream-api",
            "org.apache.flink:flink-file-sink-common",
            "org.apache.flink:flink-hadoop-fs",
            "org.apache.flink:flink-metrics-core",
            "org.apache.flink:flink-queryable-state-client-java",
            "org.apache.flink:flink-rpc-akka-loader",
            "org.apache.flink:flink-rpc-core",
            "org.apache.flink:flink-runtime",
            "org.apache.flink:flink-shaded-asm-9",
            "org.apache.flink:flink-shaded-guava",
            "org.apache.flink:flink-shaded-jackson",
            "org.apache.flink:flink-shaded-netty",
            "org.apache.flink:flink-shaded-zookeeper-3",
            "org.apache.flink:flink-streaming-java",
            "com.esotericsoftware:kryo",
            "com.esotericsoftware:minlog",
            "com.esotericsoftware:reflectasm",
            "org.objenesis:objenesis",
            "commons-cli:commons-cli",
            "commons-collections:commons-collections",
            "commons-io:commons-io",
            "org.apache.commons:commons-compress",
            "org.apache.commons:commons-lang3",
            "org.apache.commons:commons-math3",
            "org.apache.commons:commons-text",
            "org.snakeyaml:snakeyaml-engine",
            "org.javassist:javassist",
            "com.google.code.findbugs:jsr305",
            "tools.profiler:async-profiler",
            "at.yawk.lz4:lz4-java",
            "org.xerial.snappy:snappy-java",
            "org.slf4j:slf4j-api",
            "ch.qos.logback:logback-classic",
            "ch.qos.logback:logback-core");

    private FlinkClusterClasspath() {
    }

    /** The cluster's jars from {@code classPath} (entries as in {@code java.class.path}); fails if one is missing. */
    static List<Path> from(String classPath) {
        List<Path> jars = new ArrayList<>();
        Set<String> missing = new TreeSet<>(CLUSTER_ARTIFACTS);
        for (String entry : classPath.split(File.pathSeparator)) {
            Path jar = Path.of(entry);
            String artifact = clusterArtifact(jar);
            if (artifact != null && Files.isRegularFile(jar)) {
                jars.add(jar);
                missing.remove(artifact);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("not on the test class path, so the cluster class path would lack them: "
                    + missing);
        }
        return jars;
    }

    /** The listed {@code groupId:artifactId} a jar in a Maven repository layout is, else null. */
    private static String clusterArtifact(Path jar) {
        Path versionDir = jar.getParent();
        Path artifactDir = versionDir == null ? null : versionDir.getParent();
        if (artifactDir == null || artifactDir.getParent() == null || !jar.getFileName().toString()
                .equals(artifactDir.getFileName() + "-" + versionDir.getFileName() + ".jar")) {
            return null;
        }
        String artifactId = artifactDir.getFileName().toString();
        for (String candidate : CLUSTER_ARTIFACTS) {
            String groupId = candidate.substring(0, candidate.indexOf(':'));
            if (candidate.endsWith(":" + artifactId)
                    && artifactDir.getParent().endsWith(Path.of(groupId.replace('.', '/')))) {
                return candidate;
            }
        }
        return null;
    }
}
