/**
 * Delegated Admin: Auth0 post-login Action (Login / Post Login trigger, Node 18 or later).
 *
 * Forwards each successful login to Delegated Admin, which applies the login rules of its policy document (add to an
 * Organization, first-login roles) with the Management API credentials it holds, and answers the app_metadata keys
 * to set. This Action holds no Management API credentials and needs no dependency.
 *
 * Secrets (Actions > this Action > Secrets):
 *   LOGIN_EVENTS_URL     e.g. https://admin.example.com/api/v1/login-events
 *   LOGIN_EVENTS_SECRET  the same value as the service's LOGIN_EVENTS_SECRET (32+ characters, no spaces around it)
 *
 * Fail-open: if the service is slow (more than TIMEOUT_MS), down or refuses the event, the login continues unchanged
 * and the next login tries again (rules are applied at most once, and a failed one is retried).
 */
const crypto = require('crypto');

// Auth0 stops an Action after 20 s in total; 3 s keeps logins quick even when the service is down.
const TIMEOUT_MS = 3000;

exports.onExecutePostLogin = async (event, api) => {
  const body = JSON.stringify({
    user: {
      user_id: event.user.user_id,
      email: event.user.email || null,
      app_metadata: event.user.app_metadata || {},
    },
    connection: {
      id: event.connection.id,
      name: event.connection.name,
      strategy: event.connection.strategy,
    },
    organization: event.organization ? { id: event.organization.id } : null,
    stats: { logins_count: event.stats.logins_count },
  });
  // t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>, over exactly the bytes sent.
  const t = Math.floor(Date.now() / 1000).toString();
  const v1 = crypto.createHmac('sha256', event.secrets.LOGIN_EVENTS_SECRET).update(t + '.' + body, 'utf8').digest('hex');

  let answer;
  try {
    const response = await fetch(event.secrets.LOGIN_EVENTS_URL, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Delegated-Admin-Signature': `t=${t},v1=${v1}` },
      body,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!response.ok) {
      console.log(`delegated-admin: the login event was answered with ${response.status}; the login continues`);
      return;
    }
    answer = await response.json();
  } catch (error) {
    console.log(`delegated-admin: unreachable (${error && error.name}); the login continues`);
    return;
  }

  const metadata = answer && answer.app_metadata;
  if (metadata && typeof metadata === 'object' && !Array.isArray(metadata)) {
    for (const [key, value] of Object.entries(metadata)) {
      // The service never sends these; refuse them anyway: a login must not move a user or grant roles.
      if (key === 'department' || key === 'roles') {
        continue;
      }
      api.user.setAppMetadata(key, value);
    }
  }
  for (const result of (answer && answer.results) || []) {
    if (result.status === 'failed') {
      console.log(`delegated-admin: rule ${result.rule} failed (${result.reason}); it is retried on the next login`);
    }
  }
};
