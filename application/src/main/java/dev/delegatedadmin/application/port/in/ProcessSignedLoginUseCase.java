package dev.delegatedadmin.application.port.in;

import dev.delegatedadmin.application.port.in.ProcessLoginUseCase.LoginOutcome;
import dev.delegatedadmin.domain.login.LoginEvent;
import java.util.Optional;

/**
 * The webhook door of {@link ProcessLoginUseCase}, once per signed event: {@code eventKey} names the signed bytes
 * (timestamp and body); a copy with the same key gets the first copy's answer and runs nothing again.
 */
public interface ProcessSignedLoginUseCase {

    LoginOutcome processOnce(String eventKey, LoginEvent event, Optional<String> requestId);
}
