/**
 * A small music store over the bookstore schema: repositories on plain JDBC and a service with the
 * store's rules (placing invoices, paying and refunding them, editing playlists).
 */
package dev.pristine.examples.bookstore;
