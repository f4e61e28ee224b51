package dev.delegatedadmin.application.port.out;

/** Pages of users from the directory. Throws {@code IdentityProviderException} when the IdP fails. */
public interface SearchUsers {

    /** The scope in the search is a filter of the query itself, never applied after fetching. */
    UserPage search(UserSearch search);
}
