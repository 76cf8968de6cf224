-- A small shop: customers, products, orders and their lines.
CREATE TABLE customer (
    id   INTEGER PRIMARY KEY,
    name TEXT    NOT NULL
);

CREATE TABLE product (
    id    INTEGER PRIMARY KEY,
    name  TEXT    NOT NULL,
    cents INTEGER NOT NULL CHECK (cents >= 0)
);

INSERT INTO product (id, name, cents) VALUES (1, 'Tea', 450);
INSERT INTO product (id, name, cents) VALUES (2, 'Cake', 300);
