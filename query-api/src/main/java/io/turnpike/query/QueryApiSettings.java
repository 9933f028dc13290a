package io.turnpike.query;

/** Where the query API listens and what it reads. */
public record QueryApiSettings(String host, int port, String adminToken, String clickHouseUrl,
                               String clickHouseUser, String clickHousePassword, String clickHouseDatabase) {
}
