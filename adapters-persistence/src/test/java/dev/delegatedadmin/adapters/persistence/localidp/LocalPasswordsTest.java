package dev.delegatedadmin.adapters.persistence.localidp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.delegatedadmin.domain.user.Password;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

public class LocalPasswordsTest {

    private final LocalPasswords passwords = new LocalPasswords();

    @Test
    void the_dummy_hash_has_the_parameters_of_a_real_one_so_checking_it_costs_the_same() {
        String real = passwords.hash(new Password("a-password-for-the-test"));

        assertThat(shape(LocalPasswords.DUMMY_HASH)).isEqualTo(shape(real));
    }

    @Test
    void a_missing_hash_never_matches() {
        assertThat(passwords.matches(new Password("a-password-for-the-test"), null)).isFalse();
    }

    /** Algorithm, version, memory/iterations/parallelism, and the lengths of salt and hash. */
    private static List<String> shape(String encoded) {
        String[] parts = encoded.split("\\$");
        Base64.Decoder base64 = Base64.getDecoder();
        return List.of(parts[1], parts[2], parts[3], String.valueOf(base64.decode(parts[4]).length),
                String.valueOf(base64.decode(parts[5]).length));
    }
}
