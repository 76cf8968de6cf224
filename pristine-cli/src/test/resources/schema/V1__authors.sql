-- A small schema of the CLI tests: two tables, a foreign key, a view, seed data.
CREATE TABLE author (
    id   INTEGER PRIMARY KEY,
    name VARCHAR(100) NOT NULL UNIQUE
);
INSERT INTO author (id, name) VALUES (1, 'Ursula K. Le Guin');
INSERT INTO author (id, name) VALUES (2, 'Stanislaw Lem');
