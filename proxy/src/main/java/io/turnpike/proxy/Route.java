package io.turnpike.proxy;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Where one request goes: the provider account and the parameters the config forces on the body. */
record Route(String configId, ProviderAccount provider, ObjectNode overrideParams) {
}
