package dev.pristine.spi;

import dev.pristine.Redact;
import java.util.Objects;

/**
 * Where a database is: its JDBC URL and credentials. {@link #toString()} masks the password.
 *
 * @param jdbcUrl the JDBC URL, not null
 * @param user the user, may be null
 * @param password the password, may be null
 */
public record Coordinates(String jdbcUrl, String user, String password) {

    public Coordinates {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    }

    @Override
    public String toString() {
        return "Coordinates[jdbcUrl=" + Redact.mask(jdbcUrl) + ", user=" + user + ", password="
                + (password == null ? "null" : Redact.MASK) + "]";
    }
}
