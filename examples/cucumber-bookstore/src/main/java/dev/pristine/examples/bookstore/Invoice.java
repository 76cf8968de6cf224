package dev.pristine.examples.bookstore;

import java.math.BigDecimal;

/** An invoice: {@code OPEN}, {@code PAID} or {@code REFUNDED}; the database keeps its total. Immutable. */
public record Invoice(int id, int customerId, String status, BigDecimal total) {}
