package dev.pristine.spi;

/**
 * Thrown by an {@link Engine} when a database of the requested name exists already; the core then
 * picks another name. Create-new semantics make this the only safe way to learn a name is taken.
 */
public class NameTakenException extends Exception {

    private static final long serialVersionUID = 1L;

    /** @param name the name that is taken, not null */
    public NameTakenException(String name) {
        super("database name taken: " + name);
    }
}
