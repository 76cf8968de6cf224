package dev.pristine.flyway.javamigrations.beta;

import java.sql.PreparedStatement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/** Adds "Tux" to people: the same migration name as in {@code alpha}, with different code. */
public class V3__AddJavaPerson extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        try (PreparedStatement st = context.getConnection().prepareStatement("insert into people(name) values (?)")) {
            st.setString(1, "Tux");
            st.executeUpdate();
        }
    }
}
