package dev.pristine.examples.bookstore;

/** An album as the {@code album_summary} view has it. Immutable. */
public record AlbumSummary(int albumId, String title, String artist, int tracks, long milliseconds) {}
