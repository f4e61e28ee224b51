package dev.delegatedadmin.bootstrap.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JavaVersionCheckTest {

    @ParameterizedTest
    @ValueSource(strings = {"1.8", "11", "17", "20", "", "garbage"})
    void older_java_gets_one_line_naming_the_version_and_how_to_point_at_a_newer_one(String version) {
        String refusal = JavaVersionCheck.refusal(version, "/opt/jdk-old");

        assertThat(refusal)
                .doesNotContain("\n")
                .contains("Java 21 or newer", "this is Java " + version + " (/opt/jdk-old)", "JAVA_HOME", "PATH");
    }

    @ParameterizedTest
    @ValueSource(strings = {"21", "25", "26.1"})
    void java_21_and_newer_start(String version) {
        assertThat(JavaVersionCheck.refusal(version, "/opt/jdk")).isNull();
    }
}
