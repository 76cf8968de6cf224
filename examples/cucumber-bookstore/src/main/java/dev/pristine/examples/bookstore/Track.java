package dev.pristine.examples.bookstore;

import java.math.BigDecimal;

/** A track of the catalogue, with its current price. Immutable. */
public record Track(int id, String name, int albumId, BigDecimal unitPrice) {}
