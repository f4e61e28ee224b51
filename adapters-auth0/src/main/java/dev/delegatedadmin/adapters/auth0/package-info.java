/**
 * The Auth0 Management API as the user directory ({@code LoadUsers}, {@code SearchUsers}, {@code WriteUsers}),
 * through the Auth0 Java SDK with client credentials.
 * Only this package sees the SDK; {@link dev.delegatedadmin.adapters.auth0.Auth0AdapterConfiguration} is the one
 * public entry point that bootstrap imports when {@code IDP=auth0}.
 */
package dev.delegatedadmin.adapters.auth0;
