package dev.pristine.liquibase;

import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;

/**
 * What a Liquibase migrator runs: the changelog, where its includes are looked up, and the filters and
 * parameters that change which changesets run and what they contain.
 *
 * @param changelog the master changelog file, absolute
 * @param searchPath the directories Liquibase resolves changelog paths against; the first holds the changelog
 * @param contexts the context filter, empty for all
 * @param labels the label filter, empty for all
 * @param parameters changelog parameters ({@code ${name}}), by name
 */
record LiquibaseConfig(Path changelog, List<Path> searchPath, String contexts, String labels,
        SortedMap<String, String> parameters) {

    /** The changelog's path as Liquibase names it (relative to its search root, with {@code /}). */
    String changelogPath() {
        return searchPath.get(0).relativize(changelog).toString().replace('\\', '/');
    }
}
