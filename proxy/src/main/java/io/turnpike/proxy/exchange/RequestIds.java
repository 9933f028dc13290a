package io.turnpike.proxy.exchange;

import java.util.concurrent.ThreadLocalRandom;

/** {@code req_} + 24 base62 characters (~143 bits), like Anthropic's ids; unique, not secret. */
public final class RequestIds {
    private static final char[] BASE62 =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

    private RequestIds() {
    }

    public static String next() {
        return "req_" + random(24);
    }

    public static String random(int length) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = BASE62[random.nextInt(BASE62.length)];
        }
        return new String(chars);
    }
}
