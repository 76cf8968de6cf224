-- A migration that fails: the table it alters does not exist.
CREATE TABLE customer (id INTEGER PRIMARY KEY, email VARCHAR(120) NOT NULL UNIQUE);
ALTER TABLE no_such_table ADD COLUMN note VARCHAR(10);
