-- A tiny shop for the glue's own tests: one unique e-mail per customer, and one seed customer.
CREATE TABLE customer (
    id    INTEGER PRIMARY KEY,
    email VARCHAR(120) NOT NULL UNIQUE
);

INSERT INTO customer (id, email) VALUES (100, 'seed@example.com');
