package dev.pristine.examples.bookstore;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** Customers, and what they spent (the {@code customer_spend} view). Stateless and thread-safe. */
public final class CustomerRepository {

    /** Inserts a customer. */
    public void insert(Connection c, Customer customer) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO customer (customer_id, first_name, last_name, email, country) VALUES (?, ?, ?, ?, ?)")) {
            s.setInt(1, customer.id());
            s.setString(2, customer.firstName());
            s.setString(3, customer.lastName());
            s.setString(4, customer.email());
            s.setString(5, customer.country());
            s.executeUpdate();
        }
    }

    /** The customer with this id. */
    public Optional<Customer> byId(Connection c, int id) throws SQLException {
        return one(c, "SELECT customer_id, first_name, last_name, email, country FROM customer WHERE customer_id = ?", id);
    }

    /** The customer with this e-mail (compared without case). */
    public Optional<Customer> byEmail(Connection c, String email) throws SQLException {
        return one(c, "SELECT customer_id, first_name, last_name, email, country FROM customer WHERE lower(email) = lower(?)",
                email);
    }

    /** How many customers the store has. */
    public int count(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM customer"); ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** The number of invoices and the amount spent (refunds excluded) of a customer. */
    public Spend spend(Connection c, int customerId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT invoices, spent FROM customer_spend WHERE customer_id = ?")) {
            s.setInt(1, customerId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? new Spend(rs.getInt(1), rs.getBigDecimal(2).setScale(2, RoundingMode.HALF_UP))
                        : new Spend(0, BigDecimal.ZERO.setScale(2));
            }
        }
    }

    /** A customer's invoice count and spend. Immutable. */
    public record Spend(int invoices, BigDecimal spent) {}

    private static Optional<Customer> one(Connection c, String sql, Object key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, key);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Customer(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5)));
            }
        }
    }
}
