/**
 * Pristine's implementation. Nothing here has a compatibility promise: it may change in any release.
 * Other modules must not import this package.
 */
package dev.pristine.internal;
