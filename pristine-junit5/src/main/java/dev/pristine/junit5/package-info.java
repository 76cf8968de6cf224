/**
 * JUnit Jupiter support: {@link dev.pristine.junit5.PristineDatabase @PristineDatabase} on a field or
 * parameter gives each test a fresh, fully-migrated, isolated database, also under parallel execution.
 */
package dev.pristine.junit5;
