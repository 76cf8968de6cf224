package dev.pristine.examples.bookstore;

/** What a customer orders: a quantity of one track. Immutable. */
public record OrderLine(int trackId, int quantity) {}
