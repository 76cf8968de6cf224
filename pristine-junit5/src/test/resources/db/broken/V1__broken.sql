-- A migration with a typo: the table it alters does not exist.
CREATE TABLE customer (id INTEGER PRIMARY KEY, name VARCHAR(120) NOT NULL);
ALTER TABLE custommer ADD COLUMN note VARCHAR(10);
