-- Bookstore example schema (PostgreSQL dialect of ../migration), in the spirit of Chinook: a small music store.
-- Catalogue: artists, albums, genres, media types and tracks.

CREATE TABLE artist (
    artist_id   INTEGER PRIMARY KEY,
    name        VARCHAR(120) NOT NULL UNIQUE
);

CREATE TABLE genre (
    genre_id    INTEGER PRIMARY KEY,
    name        VARCHAR(120) NOT NULL UNIQUE
);

CREATE TABLE media_type (
    media_type_id INTEGER PRIMARY KEY,
    name          VARCHAR(120) NOT NULL UNIQUE
);

CREATE TABLE album (
    album_id    INTEGER PRIMARY KEY,
    title       VARCHAR(160) NOT NULL,
    artist_id   INTEGER NOT NULL REFERENCES artist (artist_id),
    released    INTEGER CHECK (released BETWEEN 1900 AND 2100)
);
CREATE INDEX ix_album_artist ON album (artist_id);

CREATE TABLE track (
    track_id      INTEGER PRIMARY KEY,
    name          VARCHAR(200) NOT NULL,
    album_id      INTEGER NOT NULL REFERENCES album (album_id),
    genre_id      INTEGER REFERENCES genre (genre_id),
    media_type_id INTEGER NOT NULL REFERENCES media_type (media_type_id),
    milliseconds  INTEGER NOT NULL CHECK (milliseconds > 0),
    unit_price    NUMERIC(10, 2) NOT NULL CHECK (unit_price >= 0)
);
CREATE INDEX ix_track_album ON track (album_id);
