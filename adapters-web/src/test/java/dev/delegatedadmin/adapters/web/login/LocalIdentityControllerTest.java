package dev.delegatedadmin.adapters.web.login;

import dev.delegatedadmin.adapters.web.Api;
import dev.delegatedadmin.adapters.web.http.RequestId;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.delegatedadmin.application.port.in.Caller;
import dev.delegatedadmin.application.port.in.LocalTokensUseCase;
import dev.delegatedadmin.application.port.in.LogInUseCase;
import dev.delegatedadmin.application.port.in.PublishSigningKeysUseCase;
import dev.delegatedadmin.domain.actor.Actor;
import dev.delegatedadmin.domain.user.UserId;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.ErrorResponseException;

/** With Auth0 there is no local log-in: the endpoints exist but answer 404. */
public class LocalIdentityControllerTest {

    private final StaticListableBeanFactory none = new StaticListableBeanFactory();
    private final LocalIdentityController controller = new LocalIdentityController(
            none.getBeanProvider(LogInUseCase.class), none.getBeanProvider(PublishSigningKeysUseCase.class),
            none.getBeanProvider(LocalTokensUseCase.class));

    @Test
    void withoutALocalIdentityProviderEveryEndpointIs404() {
        assertThatThrownBy(controller::jwks).isInstanceOfSatisfying(ErrorResponseException.class,
                e -> org.assertj.core.api.Assertions.assertThat(e.getStatusCode().value()).isEqualTo(404));
        assertThatThrownBy(() -> controller.logIn(new RequestId("r"), new MockHttpServletRequest(),
                Api.JSON.readTree("{}"))).isInstanceOf(ErrorResponseException.class);
        Actor actor = new Actor(new UserId("auth0|kelly"), "kelly@example.com", Optional.empty(), Set.of());
        assertThatThrownBy(() -> controller.logOut(new Caller(actor, Optional.empty())))
                .isInstanceOf(ErrorResponseException.class);
    }
}
