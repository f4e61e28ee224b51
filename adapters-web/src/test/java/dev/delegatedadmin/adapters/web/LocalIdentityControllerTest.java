package dev.delegatedadmin.adapters.web;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.delegatedadmin.application.port.in.LogInUseCase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.web.ErrorResponseException;

/** With Auth0 there is no local log-in: the endpoints exist but answer 404. */
class LocalIdentityControllerTest {

    private final LocalIdentityController controller =
            new LocalIdentityController(new StaticListableBeanFactory().getBeanProvider(LogInUseCase.class));

    @Test
    void withoutALocalIdentityProviderBothEndpointsAre404() {
        assertThatThrownBy(controller::jwks).isInstanceOfSatisfying(ErrorResponseException.class,
                e -> org.assertj.core.api.Assertions.assertThat(e.getStatusCode().value()).isEqualTo(404));
        assertThatThrownBy(() -> controller.logIn(new RequestId("r"), Api.JSON.readTree("{}")))
                .isInstanceOf(ErrorResponseException.class);
    }
}
