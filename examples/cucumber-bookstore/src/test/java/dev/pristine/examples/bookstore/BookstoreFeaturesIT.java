package dev.pristine.examples.bookstore;

import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;

/**
 * The bookstore's feature suite, as a project runs it: the generated features (target/test-classes/
 * features/bookstore), the glue and parallel execution from junit-platform.properties.
 */
@Suite
@IncludeEngines("cucumber")
@SelectPackages("features.bookstore")
class BookstoreFeaturesIT {}
