package dev.pristine.examples.bookstore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Playlists and their tracks, by position. Stateless and thread-safe. */
public final class PlaylistRepository {

    /** Inserts an empty playlist. */
    public void insert(Connection c, int id, String name, int customerId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO playlist (playlist_id, name, customer_id) VALUES (?, ?, ?)")) {
            s.setInt(1, id);
            s.setString(2, name);
            s.setInt(3, customerId);
            s.executeUpdate();
        }
    }

    /** The playlist's tracks, in order. */
    public List<Integer> tracks(Connection c, int playlistId) throws SQLException {
        List<Integer> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT track_id FROM playlist_track WHERE playlist_id = ? ORDER BY position")) {
            s.setInt(1, playlistId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getInt(1));
                }
            }
        }
        return out;
    }

    /** Appends a track after the last one. */
    public void append(Connection c, int playlistId, int trackId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO playlist_track (playlist_id, track_id, position) "
                + "SELECT ?, ?, COALESCE(MAX(position), 0) + 1 FROM playlist_track WHERE playlist_id = ?")) {
            s.setInt(1, playlistId);
            s.setInt(2, trackId);
            s.setInt(3, playlistId);
            s.executeUpdate();
        }
    }

    /** Removes a track and closes the gap it leaves; false when it was not there. */
    public boolean remove(Connection c, int playlistId, int trackId) throws SQLException {
        int position;
        try (PreparedStatement s = c.prepareStatement(
                "DELETE FROM playlist_track WHERE playlist_id = ? AND track_id = ? RETURNING position")) {
            s.setInt(1, playlistId);
            s.setInt(2, trackId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
                position = rs.getInt(1);
            }
        }
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE playlist_track SET position = position - 1 WHERE playlist_id = ? AND position > ?")) {
            s.setInt(1, playlistId);
            s.setInt(2, position);
            s.executeUpdate();
        }
        return true;
    }

    /** How many playlists the store has. */
    public int count(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM playlist"); ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
