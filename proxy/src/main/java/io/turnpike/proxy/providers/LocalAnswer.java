package io.turnpike.proxy.providers;

import io.turnpike.proxy.exchange.ProviderReply;
import io.turnpike.proxy.exchange.ProxyCall;
import io.undertow.util.HttpString;

import java.util.Map;

/**
 * A complete answer held in memory: the mock's reply, a token count, an upstream error read whole and passed on
 * unmodified. {@code headers} go to the client with it (e.g. an upstream {@code retry-after}).
 */
public record LocalAnswer(ProviderReply reply, Map<String, String> headers) implements AttemptOutcome {

    public LocalAnswer {
        headers = Map.copyOf(headers);
    }

    public static LocalAnswer of(ProviderReply reply) {
        return new LocalAnswer(reply, Map.of());
    }

    @Override
    public int status() {
        return reply.status();
    }

    @Override
    public Retryability retryability() {
        return Retryability.BY_STATUS;
    }

    @Override
    public String upstreamHeader(String name) {
        return headers.get(name);
    }

    @Override
    public void commit(ProxyCall call) {
        headers.forEach((name, value) -> call.exchange().getResponseHeaders().put(new HttpString(name), value));
        call.reply(reply);
    }

    @Override
    public void discard() {
    }
}
