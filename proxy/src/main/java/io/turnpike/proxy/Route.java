package io.turnpike.proxy;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Where one request goes: the provider account, the parameters the config forces on the body, and how hard to
 * try ({@link AttemptPolicy}). {@code targetPath} is the JSON path of the chosen target in the config
 * ({@code config.targets[0]}), {@code configVersion} the version of the config that chose it.
 */
record Route(String configId, int configVersion, String targetPath, ProviderAccount provider,
             ObjectNode overrideParams, AttemptPolicy policy) {
}
