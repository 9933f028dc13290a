package io.turnpike.infra.local;

import java.nio.file.Path;

/** Minimal server and users XML that both Debian's 18.16 and current ClickHouse accept. */
final class ClickHouseConfig {
    private ClickHouseConfig() {
    }

    static String server(Path dir, int httpPort, int tcpPort) {
        // <yandex> is the root element 18.16 requires; current servers still accept it.
        return """
                <?xml version="1.0"?>
                <yandex>
                  <logger>
                    <level>warning</level>
                    <log>%1$s/log/clickhouse-server.log</log>
                    <errorlog>%1$s/log/clickhouse-server.err.log</errorlog>
                    <size>50M</size>
                    <count>3</count>
                  </logger>
                  <http_port>%2$d</http_port>
                  <tcp_port>%3$d</tcp_port>
                  <listen_host>127.0.0.1</listen_host>
                  <path>%1$s/data/</path>
                  <tmp_path>%1$s/tmp/</tmp_path>
                  <user_files_path>%1$s/user_files/</user_files_path>
                  <format_schema_path>%1$s/format_schemas/</format_schema_path>
                  <users_config>%1$s/users.xml</users_config>
                  <default_profile>default</default_profile>
                  <default_database>default</default_database>
                  <timezone>UTC</timezone>
                  <max_concurrent_queries>100</max_concurrent_queries>
                  <mark_cache_size>268435456</mark_cache_size>
                  <uncompressed_cache_size>268435456</uncompressed_cache_size>
                </yandex>
                """.formatted(dir, httpPort, tcpPort);
    }

    static String users() {
        return """
                <?xml version="1.0"?>
                <yandex>
                  <profiles>
                    <default>
                      <max_memory_usage>4000000000</max_memory_usage>
                    </default>
                  </profiles>
                  <users>
                    <default>
                      <password></password>
                      <networks>
                        <ip>127.0.0.1</ip>
                        <ip>::1</ip>
                      </networks>
                      <profile>default</profile>
                      <quota>default</quota>
                    </default>
                  </users>
                  <quotas>
                    <default></default>
                  </quotas>
                </yandex>
                """;
    }
}
