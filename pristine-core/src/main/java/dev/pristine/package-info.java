/**
 * Pristine's API: {@link dev.pristine.Pristine} gives out {@link dev.pristine.TestDatabase}s, fresh
 * clones of a template built once per migration fingerprint.
 */
package dev.pristine;
