package dev.syspatterns.inventory.replica;

import dev.syspatterns.inventory.InventoryProperties;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.Optional;
import org.springframework.http.ResponseCookie;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Hands a client the WAL position of its write and reads it back on the client's next requests: as the
 * {@value #HEADER} header (for API clients) or the {@value #COOKIE} cookie (for browsers, which send it by
 * themselves). Both are stateless, so any instance of the service can honour them.
 */
@Component
public class WritePositions {

    public static final String HEADER = "X-Write-Position";
    public static final String COOKIE = "write-position";

    private final JdbcClient primary;
    private final InventoryProperties.Replica properties;

    WritePositions(JdbcClient primary, InventoryProperties properties) {
        this.primary = primary;
        this.properties = properties.replica();
    }

    /**
     * Tells the client where the primary's WAL stands now. Call it after the write committed: the position is
     * then at or past the commit record, so a replica that reached it has the write.
     */
    public void stamp(HttpServletResponse response) {
        String lsn = primary.sql("select pg_current_wal_lsn()::text")
                .query(String.class)
                .single();
        response.setHeader(HEADER, lsn);
        response.addHeader(
                "Set-Cookie",
                ResponseCookie.from(COOKIE, lsn)
                        .path("/api/inventory")
                        .maxAge(properties.readYourWritesWindow())
                        .httpOnly(true)
                        .sameSite("Lax")
                        .build()
                        .toString());
    }

    /** The client's last write position, if it sent one. */
    public Optional<WritePosition> of(HttpServletRequest request) {
        Optional<WritePosition> fromHeader = WritePosition.parse(request.getHeader(HEADER));
        if (fromHeader.isPresent() || request.getCookies() == null) {
            return fromHeader;
        }
        return Arrays.stream(request.getCookies())
                .filter(c -> COOKIE.equals(c.getName()))
                .map(Cookie::getValue)
                .map(WritePosition::parse)
                .flatMap(Optional::stream)
                .findFirst();
    }
}
