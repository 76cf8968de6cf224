package dev.pristine.flyway;

import dev.pristine.Pristine;
import dev.pristine.PristineBuilder;
import dev.pristine.PristineSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Migration directories and helpers shared by the tests. */
final class Fixtures {

    static final String V1 = "create table people (id integer primary key, name text not null);\n"
            + "create table settings (k text primary key, v text not null);\n"
            + "insert into settings values ('owner', '${owner}');\n";
    static final String V2 = "insert into people(name) values ('Ada');\ninsert into people(name) values ('Grace');\n";
    static final String R = "drop view if exists people_names;\n"
            + "create view people_names as select name from people order by name;\n";

    private Fixtures() {}

    /** Writes V1 (with the {@code owner} placeholder), V2 and a repeatable view into {@code dir}. */
    static Path standard(Path dir) {
        write(dir, "V1__create_people.sql", V1);
        write(dir, "V2__seed_people.sql", V2);
        write(dir, "R__people_view.sql", R);
        return dir;
    }

    static Path write(Path dir, String name, String content) {
        try {
            Path file = dir.resolve(name);
            Files.createDirectories(file.getParent());
            return Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void move(Path dir, String from, String to) {
        try {
            Files.move(dir.resolve(from), dir.resolve(to));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void delete(Path dir, String name) {
        try {
            Files.delete(dir.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A builder on SQLite in {@code stateDir}, deaf to the environment, with clones made on demand. */
    static PristineBuilder builder(Path stateDir) {
        return Pristine.builder().settings(PristineSettings.empty()).stateDir(stateDir).engine("sqlite").poolSize(0);
    }

    /** The first column of every row of {@code sql}, as text. */
    static List<String> column(DataSource ds, String sql) {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
