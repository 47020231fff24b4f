package org.marketlink.testing;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedPostgresServerTest {

    @Test
    void newDatabase_started_answersQueriesOnPostgres18() throws Exception {
        try (Connection c = EmbeddedPostgresServer.newDatabase().dataSource().getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW server_version_num")) {
            assertThat(rs.next()).isTrue();
            assertThat(Integer.parseInt(rs.getString(1))).isGreaterThanOrEqualTo(180000);
        }
    }
}
