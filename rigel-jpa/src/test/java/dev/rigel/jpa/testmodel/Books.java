package dev.rigel.jpa.testmodel;

/** Not an entity: package scanning must leave it out. */
public final class Books {

    private Books() {}

    public static String describe(Book book) {
        return book.getTitle();
    }
}
