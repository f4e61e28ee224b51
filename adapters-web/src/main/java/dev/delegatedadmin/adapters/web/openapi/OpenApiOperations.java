package dev.delegatedadmin.adapters.web.openapi;

import java.util.Map;
import java.util.Optional;

/**
 * The summary, description and operation id of every operation, by {@code METHOD path} as the document lists it:
 * one table beside {@link OpenApiDocumentation}, so that the controllers stay short. An operation missing here has
 * none, and OpenApiEndToEndTest fails naming it.
 */
public final class OpenApiOperations {

    record Doc(String operationId, String summary, String description) {
    }

    private static final Map<String, Doc> DOCS = Map.ofEntries(
            doc("GET /api/v1/users", "listUsers", "List the users the caller may see",
                    "The users in the caller's scope (their departments; every department for an administrator),"
                            + " optionally filtered by email or department, one page at a time."),
            doc("POST /api/v1/users", "createUser", "Create a user",
                    "Creates the user in the identity provider if the write policy allows it. The attempt is audited"
                            + " before the identity provider is called; 201 with the new user's path in Location."),
            doc("GET /api/v1/users/{id}", "getUser", "Read one user",
                    "One user by id (an Auth0 id such as auth0|…, '|' sent raw or as %7C); 404 when it does not"
                            + " exist or is outside the caller's scope."),
            doc("PATCH /api/v1/users/{id}", "updateUser", "Change a user",
                    "A JSON merge patch (RFC 7396) of the user's fields and metadata, checked field by field by the"
                            + " write policy; a denial names the deciding rule. Audited with the changed fields."),
            doc("DELETE /api/v1/users/{id}", "deleteUser", "Delete a user",
                    "Deletes the user in the identity provider if the write policy allows it; audited. 204 when"
                            + " done."),
            doc("GET /api/v1/me", "whoAmI", "Who the caller is",
                    "The caller's id, email, department, roles, the scope it may administer and the memberships it"
                            + " may assign."),
            doc("GET /api/v1/memberships", "listAssignableMemberships", "Memberships the caller may assign",
                    "The department memberships the caller may give a user it creates or changes."),
            doc("GET /api/v1/audit-events", "listAuditEvents", "Search the audit trail",
                    "Audit events the caller may see, newest first, filtered by actor, target, action, decision,"
                            + " outcome, rule, department and time; paged with a cursor. With Accept"
                            + " application/x-ndjson or text/csv, every matching event is streamed as an export."),
            doc("GET /api/v1/audit-events/verify", "verifyAuditTrail", "Verify the audit trail's hash chain",
                    "Walks the sealed hash chain from its start and reports the first broken link, if any"
                            + " (administrators and auditors)."),
            doc("POST /api/v1/session", "logIn", "Log in (local identity provider)",
                    "Exchanges an email and password for a bearer token of the local identity provider (IDP=local);"
                            + " repeated failures lock the account or the client address for a while (429)."),
            doc("DELETE /api/v1/session", "logOut", "Log out (local identity provider)",
                    "Every token issued to the caller so far stops working (IDP=local; 404 with Auth0)."),
            doc("GET /.well-known/jwks.json", "getJwks", "Token verification keys",
                    "The public keys (RFC 7517) that verify the local identity provider's tokens."),
            doc("POST /api/v1/login-events", "receiveLoginEvent", "Receive a signed post-login event",
                    "Called by the shipped Auth0 Action after a login, signed with LOGIN_EVENTS_SECRET (HMAC); runs"
                            + " the policy's login rules for the user, at most once per user and rule."),
            doc("GET /api/v1/policies", "getActivePolicy", "The active policy document",
                    "The policy version that decides writes and login rules now, with its document."),
            doc("PUT /api/v1/policies", "updatePolicy", "Store and activate a new policy document",
                    "Validates the document, stores it as a new version and activates it; a change that weakens"
                            + " the policy needs confirm=weakening. Administrators only; audited."),
            doc("GET /api/v1/policies/versions", "listPolicyVersions", "Every policy version",
                    "Every stored policy version, newest first, without their documents."),
            doc("GET /api/v1/policies/versions/{version}", "getPolicyVersion", "One policy version",
                    "One stored policy version with its document."),
            doc("POST /api/v1/policies/versions/{version}/activate", "activatePolicyVersion",
                    "Activate a stored policy version",
                    "Makes a stored version the active one (a rollback, for instance); weakening needs"
                            + " confirm=weakening. Administrators only; audited."),
            doc("POST /api/v1/policies/simulate", "simulatePolicy", "Simulate a write against the policy",
                    "What the active policy (or a given document) would decide for a write by the caller, with the"
                            + " deciding rule; nothing is written."));

    private OpenApiOperations() {
    }

    static Optional<Doc> of(String method, String path) {
        return Optional.ofNullable(DOCS.get(method + " " + path));
    }

    private static Map.Entry<String, Doc> doc(String key, String operationId, String summary, String description) {
        return Map.entry(key, new Doc(operationId, summary, description));
    }
}
