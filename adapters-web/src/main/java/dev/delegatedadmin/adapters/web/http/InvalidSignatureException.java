package dev.delegatedadmin.adapters.web.http;

/**
 * A signed request (the login-events webhook) whose signature is missing, stale or wrong: 401 with a challenge that
 * names the signature header, since no bearer token is involved. The message is the problem's detail: nothing
 * secret, nothing from the request.
 */
public final class InvalidSignatureException extends RuntimeException {

    private final String header;

    public InvalidSignatureException(String header, String message) {
        super(message, null, false, false);
        this.header = header;
    }

    /** The request header the signature belongs in. */
    public String header() {
        return header;
    }
}
