package io.turnpike.proxy.providers.vertex;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import io.turnpike.proxy.ApiKeyHash;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * One token cache per {@code vertex} provider account, keyed by account id and a hash of its secret: a rotated
 * secret replaces the account's entry (and so its credentials) instead of piling up next to it. Credentials are
 * built lazily on the fetch executor, because application default credentials may read files or probe the GCE
 * metadata server.
 */
public final class VertexCredentials {
    static final String SCOPE = "https://www.googleapis.com/auth/cloud-platform";

    /** Turns an account's service-account key (or null: application default credentials) into a fetcher. */
    @FunctionalInterface
    interface FetcherFactory {
        VertexAccessTokens.Fetcher create(String serviceAccountJson);
    }

    private record Entry(String secretHash, VertexAccessTokens tokens) {
    }

    private final Map<String, Entry> byAccount = new ConcurrentHashMap<>();
    private final FetcherFactory fetchers;
    private final Clock clock;
    private final Executor fetchExecutor;

    VertexCredentials(FetcherFactory fetchers, Clock clock, Executor fetchExecutor) {
        this.fetchers = fetchers;
        this.clock = clock;
        this.fetchExecutor = fetchExecutor;
    }

    /** Real Google credentials, scoped to {@link #SCOPE}. */
    public static VertexCredentials google(Clock clock, Executor fetchExecutor) {
        return new VertexCredentials(VertexCredentials::googleFetcher, clock, fetchExecutor);
    }

    VertexAccessTokens forAccount(String accountId, String serviceAccountJson) {
        String secretHash = serviceAccountJson == null ? "adc" : ApiKeyHash.of(serviceAccountJson);
        return byAccount.compute(accountId, (id, existing) ->
                existing != null && existing.secretHash().equals(secretHash) ? existing
                        : new Entry(secretHash, new VertexAccessTokens(id, fetchers.create(serviceAccountJson),
                                clock, fetchExecutor))).tokens();
    }

    private static VertexAccessTokens.Fetcher googleFetcher(String serviceAccountJson) {
        return new VertexAccessTokens.Fetcher() {
            private GoogleCredentials credentials;

            @Override
            public synchronized AccessToken fetch() throws IOException {
                if (credentials == null) {
                    credentials = serviceAccountJson == null
                            ? GoogleCredentials.getApplicationDefault()
                            : ServiceAccountCredentials.fromStream(
                                    new ByteArrayInputStream(serviceAccountJson.getBytes(StandardCharsets.UTF_8)));
                    if (credentials.createScopedRequired()) {
                        credentials = credentials.createScoped(List.of(SCOPE));
                    }
                }
                // The raw fetch: our cache, not the library's, decides when to refresh.
                return credentials.refreshAccessToken();
            }
        };
    }
}
