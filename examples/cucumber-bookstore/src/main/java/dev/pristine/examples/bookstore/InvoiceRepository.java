package dev.pristine.examples.bookstore;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/** Invoices and their lines; the database keeps each invoice's total. Stateless and thread-safe. */
public final class InvoiceRepository {

    /** Inserts an open invoice without lines. */
    public void insert(Connection c, int id, int customerId, LocalDateTime date) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO invoice (invoice_id, customer_id, invoice_date, status) VALUES (?, ?, ?, 'OPEN')")) {
            s.setInt(1, id);
            s.setInt(2, customerId);
            if (c.getMetaData().getDatabaseProductName().equals("PostgreSQL")) {
                s.setTimestamp(3, Timestamp.valueOf(date));
            } else {
                s.setString(3, date.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"))); // SQLite keeps text
            }
            s.executeUpdate();
        }
    }

    /** Adds a line; the trigger updates the invoice's total. */
    public void addLine(Connection c, int invoiceId, Track track, int quantity) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO invoice_line (invoice_id, track_id, unit_price, quantity) VALUES (?, ?, ?, ?)")) {
            s.setInt(1, invoiceId);
            s.setInt(2, track.id());
            s.setBigDecimal(3, track.unitPrice());
            s.setInt(4, quantity);
            s.executeUpdate();
        }
    }

    /** The invoice with this id. */
    public Optional<Invoice> byId(Connection c, int id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT invoice_id, customer_id, status, total FROM invoice WHERE invoice_id = ?")) {
            s.setInt(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(new Invoice(rs.getInt(1), rs.getInt(2), rs.getString(3),
                        rs.getBigDecimal(4).setScale(2, RoundingMode.HALF_UP))) : Optional.empty();
            }
        }
    }

    /** Sets the status; the database refuses to change a refunded invoice. */
    public void setStatus(Connection c, int id, String status) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE invoice SET status = ? WHERE invoice_id = ?")) {
            s.setString(1, status);
            s.setInt(2, id);
            s.executeUpdate();
        }
    }

    /** How many invoices the store has, or with {@code status} when not null. */
    public int count(Connection c, String status) throws SQLException {
        String sql = status == null ? "SELECT COUNT(*) FROM invoice" : "SELECT COUNT(*) FROM invoice WHERE status = ?";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            if (status != null) {
                s.setString(1, status);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** The total as the lines add up, independently of the trigger. */
    public BigDecimal sumOfLines(Connection c, int id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT COALESCE(SUM(unit_price * quantity), 0) FROM invoice_line WHERE invoice_id = ?")) {
            s.setInt(1, id);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getBigDecimal(1).setScale(2, RoundingMode.HALF_UP);
            }
        }
    }
}
