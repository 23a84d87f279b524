package dev.syspatterns.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** The proxy carries a real PostgreSQL session, and a cut looks to the client like the server went away. */
class TcpProxyTest {

    @Test
    void carriesTrafficAndCutsItOnDemand() throws Exception {
        var pg = Infrastructure.get().postgres();
        try (TcpProxy proxy = TcpProxy.to(pg.host(), pg.port())) {
            String url = "jdbc:postgresql://" + proxy.host() + ":" + proxy.port() + "/postgres?connectTimeout=2";
            try (Connection c = DriverManager.getConnection(url, pg.username(), pg.password())) {
                assertThat(selectOne(c)).isEqualTo(1);
                proxy.cut();
                assertThatThrownBy(() -> selectOne(c)).isInstanceOf(SQLException.class);
            }
            assertThatThrownBy(() -> DriverManager.getConnection(url, pg.username(), pg.password()))
                    .isInstanceOf(SQLException.class);
            proxy.restore();
            try (Connection c = DriverManager.getConnection(url, pg.username(), pg.password())) {
                assertThat(selectOne(c)).isEqualTo(1);
            }
        }
    }

    private static int selectOne(Connection c) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery("SELECT 1")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
