CREATE TABLE book (
    id        INTEGER PRIMARY KEY,
    title     VARCHAR(200) NOT NULL,
    author_id INTEGER NOT NULL REFERENCES author (id)
);
INSERT INTO book (id, title, author_id) VALUES (1, 'The Dispossessed', 1);
INSERT INTO book (id, title, author_id) VALUES (2, 'Solaris', 2);
CREATE VIEW book_by_author AS SELECT a.name, b.title FROM book b JOIN author a ON a.id = b.author_id;
