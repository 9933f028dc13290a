package io.turnpike.query.logs;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.QueryResponse;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.InputStream;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs read queries that end in {@code FORMAT JSONEachRow} and parses the rows with Jackson — the one read path
 * that works on both ClickHouse 18.16 (no RowBinary with types, different Native blocks) and current servers.
 */
public final class ClickHouseReader implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Client client;

    public ClickHouseReader(String url, String user, String password) {
        this.client = new Client.Builder()
                .addEndpoint(url)
                .setUsername(user)
                .setPassword(password == null ? "" : password)
                .compressServerResponse(false) // 18.16 answers uncompressed only
                .setConnectTimeout(5, ChronoUnit.SECONDS)
                .setSocketTimeout(30, ChronoUnit.SECONDS)
                .build();
    }

    public List<JsonNode> query(String sql) {
        if (!sql.stripTrailing().endsWith("FORMAT JSONEachRow")) {
            throw new IllegalArgumentException("read queries must end in FORMAT JSONEachRow");
        }
        try (QueryResponse response = client.query(sql).get(30, TimeUnit.SECONDS);
             InputStream body = response.getInputStream();
             JsonParser parser = JSON.getFactory().createParser(body);
             MappingIterator<JsonNode> rows = JSON.readValues(parser, JsonNode.class)) {
            List<JsonNode> result = new ArrayList<>();
            while (rows.hasNext()) {
                result.add(rows.next());
            }
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClickHouseUnavailableException("interrupted while querying ClickHouse", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new ClickHouseUnavailableException("ClickHouse query failed: " + rootMessage(e), e);
        } catch (Exception e) {
            throw new ClickHouseUnavailableException("ClickHouse query failed: " + rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        // Server messages can be long stack dumps; the first line is the useful part.
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    @Override
    public void close() {
        client.close();
    }
}
