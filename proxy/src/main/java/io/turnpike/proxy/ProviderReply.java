package io.turnpike.proxy;

/** A complete response a provider produced locally (the mock): sent through the same tap as upstream bytes. */
record ProviderReply(int status, String contentType, byte[] body) {
}
