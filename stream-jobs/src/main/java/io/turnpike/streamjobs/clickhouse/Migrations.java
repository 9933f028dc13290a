package io.turnpike.streamjobs.clickhouse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads the ordered migration list from the classpath. Jars cannot be listed portably, so
 * {@code clickhouse/migrations/INDEX} names the files in order; a unit test keeps it in step with the folder.
 */
final class Migrations {
    static final String FOLDER = "clickhouse/migrations/";
    static final String INDEX = FOLDER + "INDEX";

    private Migrations() {
    }

    static List<Migration> fromClasspath() {
        ClassLoader loader = Migrations.class.getClassLoader();
        List<Migration> migrations = new ArrayList<>();
        for (String line : read(loader, INDEX).split("\\r?\\n")) {
            String fileName = line.strip();
            if (!fileName.isEmpty() && !fileName.startsWith("#")) {
                migrations.add(Migration.parse(fileName, read(loader, FOLDER + fileName)));
            }
        }
        return inOrder(migrations);
    }

    /** Checks that versions strictly increase: the index order is the apply order, gaps are allowed. */
    static List<Migration> inOrder(List<Migration> migrations) {
        for (int i = 1; i < migrations.size(); i++) {
            Migration previous = migrations.get(i - 1);
            Migration current = migrations.get(i);
            if (current.version() <= previous.version()) {
                throw new IllegalStateException("migrations out of order: " + current.name() + " listed after "
                        + previous.name());
            }
        }
        return List.copyOf(migrations);
    }

    private static String read(ClassLoader loader, String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
