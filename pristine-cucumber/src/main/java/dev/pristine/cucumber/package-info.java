/**
 * Cucumber-JVM glue that gives every scenario its own fresh, fully-migrated database: add
 * {@code dev.pristine.cucumber} to the glue, set {@code pristine.migrations}, and inject
 * {@link dev.pristine.cucumber.ScenarioDatabase} into step classes. Works with parallel execution on the
 * JUnit Platform; the tag {@code @pristine-shared} lets a feature's scenarios share one database.
 */
package dev.pristine.cucumber;
