package dev.pristine.liquibase;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Changelog trees the tests build and edit. Each carries a unique token, so its template key is new even on a
 * server engine that keeps templates across runs.
 */
final class Changelogs {

    private Changelogs() {}

    /**
     * {@code master.xml} (a changeset, an {@code include} of {@code tags.yaml}, an {@code includeAll} of {@code more/}
     * and a {@code sqlFile}); {@code more/} holds a formatted SQL changelog (seed with {@code ${seedName}}, a
     * {@code demo}-context changeset) and a JSON changelog.
     *
     * @return the master changelog
     */
    static Path tree(Path parent) {
        Path dir = parent.resolve("changelog-" + UUID.randomUUID());
        write(dir.resolve("master.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <!-- run %s -->
                <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-4.33.xsd">
                  <changeSet id="items-1" author="alice">
                    <createTable tableName="item">
                      <column name="id" type="int"><constraints primaryKey="true" nullable="false"/></column>
                      <column name="name" type="varchar(100)"><constraints nullable="false"/></column>
                    </createTable>
                  </changeSet>
                  <include file="tags.yaml" relativeToChangelogFile="true"/>
                  <includeAll path="more/" relativeToChangelogFile="true"/>
                  <changeSet id="more-items" author="alice">
                    <sqlFile path="data/more-items.sql" relativeToChangelogFile="true"/>
                  </changeSet>
                </databaseChangeLog>
                """.formatted(UUID.randomUUID()));
        write(dir.resolve("tags.yaml"), """
                databaseChangeLog:
                  - changeSet:
                      id: tags-1
                      author: bob
                      changes:
                        - createTable:
                            tableName: tag
                            columns:
                              - column:
                                  name: id
                                  type: int
                                  constraints:
                                    primaryKey: true
                                    nullable: false
                              - column:
                                  name: label
                                  type: varchar(50)
                """);
        write(dir.resolve("more/001-seed.sql"), """
                --liquibase formatted sql

                --changeset carol:seed-1
                INSERT INTO item (id, name) VALUES (1, '${seedName}');

                --changeset carol:seed-demo context:demo
                INSERT INTO item (id, name) VALUES (2, 'demo only');
                """);
        write(dir.resolve("more/002-notes.json"), """
                {"databaseChangeLog": [
                  {"changeSet": {"id": "notes-1", "author": "dave", "changes": [
                    {"createTable": {"tableName": "note", "columns": [
                      {"column": {"name": "id", "type": "int", "constraints": {"primaryKey": true, "nullable": false}}},
                      {"column": {"name": "body", "type": "varchar(200)"}}
                    ]}}
                  ]}}
                ]}
                """);
        write(dir.resolve("data/more-items.sql"), "INSERT INTO item (id, name) VALUES (10, 'from sqlFile');\n");
        return dir.resolve("master.xml");
    }

    /** A formatted SQL changelog on its own: contexts, labels and a parameter decide what it inserts. */
    static Path formattedSql(Path parent) {
        Path file = parent.resolve("formatted-" + UUID.randomUUID()).resolve("changelog.sql");
        write(file, """

                --liquibase formatted sql
                -- run %s

                --changeset erin:1
                CREATE TABLE greeting (id INT PRIMARY KEY, text VARCHAR(100) NOT NULL);

                --changeset erin:2 labels:core
                INSERT INTO greeting (id, text) VALUES (1, '${greeting}');

                --changeset erin:3 labels:extra
                INSERT INTO greeting (id, text) VALUES (2, 'extra');

                --changeset erin:4 context:demo
                INSERT INTO greeting (id, text) VALUES (3, 'demo');
                """.formatted(UUID.randomUUID()));
        return file;
    }

    static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
