-- Sales: customers, invoices and their lines; playlists.

CREATE TABLE customer (
    customer_id INTEGER PRIMARY KEY,
    first_name  VARCHAR(40) NOT NULL,
    last_name   VARCHAR(40) NOT NULL,
    email       VARCHAR(120) NOT NULL UNIQUE,
    country     VARCHAR(40) NOT NULL
);

CREATE TABLE invoice (
    invoice_id   INTEGER PRIMARY KEY,
    customer_id  INTEGER NOT NULL REFERENCES customer (customer_id),
    invoice_date TIMESTAMP NOT NULL,
    status       VARCHAR(10) NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'PAID', 'REFUNDED')),
    total        NUMERIC(10, 2) NOT NULL DEFAULT 0
);
CREATE INDEX ix_invoice_customer ON invoice (customer_id);

CREATE TABLE invoice_line (
    invoice_line_id INTEGER PRIMARY KEY,
    invoice_id      INTEGER NOT NULL REFERENCES invoice (invoice_id) ON DELETE CASCADE,
    track_id        INTEGER NOT NULL REFERENCES track (track_id),
    unit_price      NUMERIC(10, 2) NOT NULL,
    quantity        INTEGER NOT NULL CHECK (quantity > 0),
    UNIQUE (invoice_id, track_id)
);

CREATE TABLE playlist (
    playlist_id INTEGER PRIMARY KEY,
    name        VARCHAR(120) NOT NULL,
    customer_id INTEGER REFERENCES customer (customer_id)
);

CREATE TABLE playlist_track (
    playlist_id INTEGER NOT NULL REFERENCES playlist (playlist_id) ON DELETE CASCADE,
    track_id    INTEGER NOT NULL REFERENCES track (track_id),
    position    INTEGER NOT NULL,
    PRIMARY KEY (playlist_id, track_id)
);
