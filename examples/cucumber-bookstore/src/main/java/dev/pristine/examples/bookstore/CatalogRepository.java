package dev.pristine.examples.bookstore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** The catalogue: tracks and album summaries. Stateless and thread-safe. */
public final class CatalogRepository {

    /** The track with this id. */
    public Optional<Track> track(Connection c, int id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT track_id, name, album_id, unit_price FROM track WHERE track_id = ?")) {
            s.setInt(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(new Track(rs.getInt(1), rs.getString(2), rs.getInt(3), rs.getBigDecimal(4)))
                        : Optional.empty();
            }
        }
    }

    /** The album with this id, as the {@code album_summary} view has it. */
    public Optional<AlbumSummary> album(Connection c, int id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT album_id, title, artist, tracks, milliseconds FROM album_summary WHERE album_id = ?")) {
            s.setInt(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(new AlbumSummary(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                        rs.getLong(5))) : Optional.empty();
            }
        }
    }
}
