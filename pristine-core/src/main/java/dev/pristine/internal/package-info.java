/**
 * Pristine's implementation. Nothing here has a compatibility promise: it may change in any release.
 * Only core's API entry points ({@code Pristine}, {@code Migrations}) use it; other modules and the SPI must
 * not, and the tests in pristine-architecture fail when they do.
 */
package dev.pristine.internal;
