package io.turnpike.streamjobs.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.command.CommandResponse;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.data.ClickHouseFormat;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one way Turnpike talks to ClickHouse, limited to what works on both Debian's 18.16 and current servers
 * (see the module README): inserts as {@code JSONEachRow}; reads with
 * {@code FORMAT JSONEachRow} at the end of the SQL, server response compression off, parsed with Jackson.
 * The client-v2 typed readers and per-query format setting do not work against 18.16.
 *
 * <p>Thread-safe; one instance per process (or per sink writer) is enough. Close it to release connections.
 */
public final class ClickHouseClient implements SqlSession, AutoCloseable {
    private static final long TIMEOUT_SECONDS = 60;
    // Plain mapper: keeps nulls (Nullable columns), rows declare their column names with @JsonProperty.
    private static final ObjectMapper ROW_MAPPER = JsonMapper.builder().build();
    private static final ObjectReader NODE_READER = ROW_MAPPER.readerFor(JsonNode.class);

    private final ClickHouseConnection connection;
    private final Client client;

    public ClickHouseClient(ClickHouseConnection connection) {
        this.connection = connection;
        this.client = newClient(connection, connection.database());
    }

    private static Client newClient(ClickHouseConnection connection, String database) {
        return new Client.Builder()
                .addEndpoint(connection.url())
                .setUsername(connection.user())
                .setPassword(connection.password())
                .setDefaultDatabase(database)
                // client-v2 names the database in the X-ClickHouse-Database header, which 18.16 ignores;
                // the ?database= URL parameter works on every version.
                .serverSetting("database", database)
                .compressServerResponse(false)
                .setConnectTimeout(5, ChronoUnit.SECONDS)
                .setSocketTimeout(TIMEOUT_SECONDS, ChronoUnit.SECONDS)
                .setClientName("turnpike")
                .build();
    }

    public ClickHouseConnection connection() {
        return connection;
    }

    public String database() {
        return connection.database();
    }

    /** {@code CREATE DATABASE IF NOT EXISTS}, sent against {@code default} since ours may not exist yet. */
    @Override
    public void createDatabaseIfMissing() {
        String sql = "CREATE DATABASE IF NOT EXISTS " + connection.database();
        try (Client bootstrap = newClient(connection, "default");
             CommandResponse ignored = await(bootstrap.execute(sql), sql)) {
            // the response carries nothing we need
        } catch (ClickHouseException e) {
            throw e;
        } catch (Exception e) {
            throw new ClickHouseException("cannot release response of: " + sql, e);
        }
    }

    /** Runs one statement (DDL, ALTER, OPTIMIZE, ...) in the configured database. One statement per call. */
    @Override
    public void execute(String sql) {
        try (CommandResponse ignored = await(client.execute(sql), sql)) {
            // the response carries nothing we need
        } catch (ClickHouseException e) {
            throw e;
        } catch (Exception e) {
            throw new ClickHouseException("cannot release response of: " + firstLine(sql), e);
        }
    }

    /** Inserts rows serialized by Jackson, one JSON object per row; field names must equal column names. */
    @Override
    public void insertJsonEachRow(String table, List<?> rows) {
        if (rows.isEmpty()) {
            return;
        }
        insertJsonEachRow(table, toJsonEachRow(rows));
    }

    /** Inserts a ready {@code JSONEachRow} body (newline-separated JSON objects). */
    public void insertJsonEachRow(String table, byte[] body) {
        String what = "INSERT INTO " + table + " FORMAT JSONEachRow";
        InputStream stream = new ByteArrayInputStream(body);
        try (InsertResponse ignored = await(client.insert(table, stream, ClickHouseFormat.JSONEachRow), what)) {
            // written rows are reported by the caller's own counters
        }
    }

    /**
     * Runs a query whose SQL ends in {@code FORMAT JSONEachRow} and returns one node per row. Note that
     * ClickHouse quotes 64-bit integers in JSON; {@link JsonNode#asLong()} reads them either way.
     */
    @Override
    public List<JsonNode> queryJsonEachRow(String sql) {
        if (!sql.stripTrailing().toUpperCase(Locale.ROOT).endsWith("FORMAT JSONEACHROW")) {
            throw new IllegalArgumentException("query must end in FORMAT JSONEachRow: " + firstLine(sql));
        }
        try (QueryResponse response = await(client.query(sql), sql);
             MappingIterator<JsonNode> rows = NODE_READER.readValues(response.getInputStream())) {
            return rows.readAll();
        } catch (ClickHouseException e) {
            throw e;
        } catch (Exception e) {
            throw new ClickHouseException("cannot read result of: " + firstLine(sql), e);
        }
    }

    /** Newline-delimited JSON of the rows, exactly what {@link #insertJsonEachRow(String, List)} sends. */
    public static byte[] toJsonEachRow(List<?> rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(rows.size() * 512);
        try {
            for (Object row : rows) {
                out.write(ROW_MAPPER.writeValueAsBytes(row));
                out.write('\n');
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("row cannot be written as JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalStateException("in-memory write failed", e);
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        client.close();
    }

    private static <T> T await(CompletableFuture<T> future, String sql) {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClickHouseException("interrupted: " + firstLine(sql), e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new ClickHouseException("ClickHouse failed: " + firstLine(sql) + ": " + cause.getMessage(), cause);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new ClickHouseException("no answer within " + TIMEOUT_SECONDS + " s: " + firstLine(sql), e);
        } catch (RuntimeException e) {
            throw new ClickHouseException("ClickHouse failed: " + firstLine(sql) + ": " + e.getMessage(), e);
        }
    }

    // Statements may be long (DDL); the first line is enough to say which one failed.
    private static String firstLine(String sql) {
        String trimmed = sql.strip();
        int newline = trimmed.indexOf('\n');
        return newline < 0 ? trimmed : trimmed.substring(0, newline) + " ...";
    }
}
