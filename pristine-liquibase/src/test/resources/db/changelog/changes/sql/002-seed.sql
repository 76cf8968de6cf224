--liquibase formatted sql

--changeset pristine:authors-seed
INSERT INTO author (id, name) VALUES (1, '${firstAuthor}');
