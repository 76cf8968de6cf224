package dev.pristine.examples.bookstore;

import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * The store's rules over plain JDBC: customers register with a unique e-mail; an invoice needs at least
 * one line and is priced from the catalogue (the database keeps its total); only open invoices are paid
 * and only paid ones refunded, and a refunded invoice is final (the database enforces it); a track is on a
 * playlist once, and removing one closes the gap.
 *
 * <p>Runs on SQLite ({@code examples/bookstore-schema}) and PostgreSQL ({@code db/postgres}). Thread-safe: each call uses
 * a connection of its own.
 */
public final class StoreService {

    private final DataSource db;
    private final CustomerRepository customers = new CustomerRepository();
    private final CatalogRepository catalog = new CatalogRepository();
    private final InvoiceRepository invoices = new InvoiceRepository();
    private final PlaylistRepository playlists = new PlaylistRepository();

    /** A store on {@code db}, not null. */
    public StoreService(DataSource db) {
        this.db = db;
    }

    /**
     * Registers a customer; the e-mail is stored in lower case.
     *
     * @throws StoreException when the e-mail or the id is taken
     */
    public Customer register(Customer customer) {
        Customer c = new Customer(customer.id(), customer.firstName(), customer.lastName(),
                customer.email().toLowerCase(Locale.ROOT), customer.country());
        try {
            return Jdbc.inTransaction(db, conn -> {
                customers.insert(conn, c);
                return c;
            });
        } catch (IllegalStateException e) {
            if (unique(e, "customer.email", "customer_email_key")) {
                throw new StoreException("e-mail " + c.email() + " is already registered", e);
            }
            if (unique(e, "customer.customer_id", "customer_pkey")) {
                throw new StoreException("customer id " + c.id() + " is taken", e);
            }
            throw e;
        }
    }

    /** The customer with this id, or a refusal. */
    public Customer customer(int id) {
        return Jdbc.query(db, c -> customers.byId(c, id)).orElseThrow(() -> new StoreException("no customer " + id));
    }

    /** A customer's invoice count and spend (refunds excluded). */
    public CustomerRepository.Spend spend(int customerId) {
        return Jdbc.query(db, c -> customers.spend(c, customerId));
    }

    /**
     * Places an open invoice, priced from the catalogue; the database computes its total.
     *
     * @throws StoreException when there are no lines, a track or the customer does not exist, or the id is taken
     */
    public Invoice placeInvoice(int invoiceId, int customerId, LocalDateTime date, List<OrderLine> lines) {
        if (lines.isEmpty()) {
            throw new StoreException("an invoice needs at least one line");
        }
        // reads first, in auto-commit: the transaction then starts with a write (see Jdbc.inTransaction)
        customer(customerId);
        List<Track> tracks = Jdbc.query(db, c -> {
            ArrayList<Track> out = new ArrayList<>();
            for (OrderLine l : lines) {
                if (l.quantity() <= 0) {
                    throw new StoreException("the quantity of track " + l.trackId() + " must be positive");
                }
                out.add(catalog.track(c, l.trackId()).orElseThrow(() -> new StoreException("no track " + l.trackId())));
            }
            return out;
        });
        try {
            Jdbc.inTransaction(db, c -> {
                invoices.insert(c, invoiceId, customerId, date);
                for (int i = 0; i < lines.size(); i++) {
                    invoices.addLine(c, invoiceId, tracks.get(i), lines.get(i).quantity());
                }
                return null;
            });
        } catch (IllegalStateException e) {
            if (unique(e, "invoice.invoice_id", "invoice_pkey")) {
                throw new StoreException("invoice " + invoiceId + " already exists", e);
            }
            throw e;
        }
        return invoice(invoiceId);
    }

    /** The invoice with this id, or a refusal. */
    public Invoice invoice(int id) {
        return Jdbc.query(db, c -> invoices.byId(c, id)).orElseThrow(() -> new StoreException("no invoice " + id));
    }

    /**
     * Marks an invoice paid.
     *
     * @throws StoreException when it is already paid, or refunded (final, as the database says)
     */
    public Invoice pay(int id) {
        Invoice invoice = invoice(id);
        if (invoice.status().equals("PAID")) {
            throw new StoreException("invoice " + id + " is already paid");
        }
        setStatus(id, "PAID");
        return invoice(id);
    }

    /**
     * Refunds a paid invoice; after that it is final.
     *
     * @throws StoreException when the invoice is not paid
     */
    public Invoice refund(int id) {
        Invoice invoice = invoice(id);
        if (!invoice.status().equals("PAID")) {
            throw new StoreException("invoice " + id + " is " + invoice.status() + ": only paid invoices can be refunded");
        }
        setStatus(id, "REFUNDED");
        return invoice(id);
    }

    private void setStatus(int id, String status) {
        try {
            Jdbc.inTransaction(db, c -> {
                invoices.setStatus(c, id, status);
                return null;
            });
        } catch (IllegalStateException e) {
            if (e.getMessage().contains("a refunded invoice cannot change status")) {
                throw new StoreException("invoice " + id + " is refunded: a refunded invoice cannot change status", e);
            }
            throw e;
        }
    }

    /** The number of invoices in the store, or with {@code status} when not null. */
    public int invoiceCount(String status) {
        return Jdbc.query(db, c -> invoices.count(c, status));
    }

    /** Whether the invoice's total equals the sum of its lines (the trigger's job). */
    public boolean totalMatchesLines(int id) {
        return Jdbc.query(db, c -> invoices.sumOfLines(c, id)).compareTo(invoice(id).total()) == 0;
    }

    /** Creates an empty playlist for a customer. */
    public void createPlaylist(int id, String name, int customerId) {
        Jdbc.inTransaction(db, c -> {
            playlists.insert(c, id, name, customerId);
            return null;
        });
    }

    /**
     * Appends a track to a playlist.
     *
     * @throws StoreException when the track is already on it
     */
    public void addToPlaylist(int playlistId, int trackId) {
        try {
            Jdbc.inTransaction(db, c -> {
                playlists.append(c, playlistId, trackId);
                return null;
            });
        } catch (IllegalStateException e) {
            if (unique(e, "playlist_track.", "playlist_track_pkey")) {
                throw new StoreException("track " + trackId + " is already on playlist " + playlistId, e);
            }
            throw e;
        }
    }

    /**
     * Removes a track from a playlist and closes the gap.
     *
     * @throws StoreException when the track is not on it
     */
    public void removeFromPlaylist(int playlistId, int trackId) {
        boolean removed = Jdbc.inTransaction(db, c -> playlists.remove(c, playlistId, trackId));
        if (!removed) {
            throw new StoreException("track " + trackId + " is not on playlist " + playlistId);
        }
    }

    /** The playlist's tracks, in order. */
    public List<Integer> playlist(int id) {
        return Jdbc.query(db, c -> playlists.tracks(c, id));
    }

    /** The number of playlists in the store. */
    public int playlistCount() {
        return Jdbc.query(db, playlists::count);
    }

    /** The number of customers in the store. */
    public int customerCount() {
        return Jdbc.query(db, customers::count);
    }

    /** An album as the catalogue shows it, or a refusal. */
    public AlbumSummary album(int id) {
        return Jdbc.query(db, c -> catalog.album(c, id)).orElseThrow(() -> new StoreException("no album " + id));
    }

    /** Whether a unique key failed: SQLite names the column, PostgreSQL (SQLSTATE 23505) the constraint. */
    private static boolean unique(IllegalStateException e, String sqliteColumn, String postgresConstraint) {
        if (!(e.getCause() instanceof SQLException cause) || cause.getMessage() == null) {
            return false;
        }
        return cause.getMessage().contains("UNIQUE constraint failed: " + sqliteColumn)
                || ("23505".equals(cause.getSQLState()) && cause.getMessage().contains("\"" + postgresConstraint + "\""));
    }
}
