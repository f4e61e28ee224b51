/**
 * The Auth0 Management API as an {@code IdentityProvider}: the next adapter. Until it exists the service
 * refuses {@code IDP=auth0} at start, so no one runs against a half-built adapter.
 */
package dev.delegatedadmin.adapters.auth0;
