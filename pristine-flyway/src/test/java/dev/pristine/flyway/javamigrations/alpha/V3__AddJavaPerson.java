package dev.pristine.flyway.javamigrations.alpha;

import java.sql.PreparedStatement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/** Adds "Duke" to people: a Java migration found by scanning {@code classpath:dev/pristine/flyway/javamigrations/alpha}. */
public class V3__AddJavaPerson extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        try (PreparedStatement st = context.getConnection().prepareStatement("insert into people(name) values (?)")) {
            st.setString(1, "Duke");
            st.executeUpdate();
        }
    }
}
