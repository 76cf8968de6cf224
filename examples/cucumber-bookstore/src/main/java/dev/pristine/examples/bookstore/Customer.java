package dev.pristine.examples.bookstore;

/** A customer of the store. Immutable; no field is null. */
public record Customer(int id, String firstName, String lastName, String email, String country) {

    /** First and last name. */
    public String fullName() {
        return firstName + " " + lastName;
    }
}
