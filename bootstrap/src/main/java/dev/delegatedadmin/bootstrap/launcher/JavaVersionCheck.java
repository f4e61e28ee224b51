package dev.delegatedadmin.bootstrap.launcher;

import java.lang.reflect.InvocationTargetException;

/**
 * The jar's {@code Main-Class}: on a Java older than 21 it prints one line instead of an
 * {@code UnsupportedClassVersionError} stack trace, else it hands over to Spring Boot's launcher. Also compiled
 * with {@code --release 8} into the jar's root (bootstrap/pom.xml), so it must stay Java 8 source: no var, no
 * records, no API newer than Java 8.
 */
public final class JavaVersionCheck {

    static final int REQUIRED = 21;
    private static final String SPRING_BOOT_LAUNCHER = "org.springframework.boot.loader.launch.JarLauncher";

    private JavaVersionCheck() {
    }

    public static void main(String[] args) throws Throwable {
        String refusal = refusal(System.getProperty("java.specification.version"), System.getProperty("java.home"));
        if (refusal != null) {
            System.err.println(refusal);
            System.exit(1);
            return;
        }
        try {
            Class.forName(SPRING_BOOT_LAUNCHER).getMethod("main", String[].class).invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** The one line to print for this Java ("1.8", "17", "21", …), or null when it is new enough. */
    static String refusal(String specificationVersion, String javaHome) {
        if (major(specificationVersion) >= REQUIRED) {
            return null;
        }
        return "Delegated Admin needs Java " + REQUIRED + " or newer, but this is Java " + specificationVersion
                + " (" + javaHome + "): run it with a JDK " + REQUIRED + "+, e.g. \"$JAVA_HOME/bin/java\" -jar"
                + " with JAVA_HOME pointing at it, or put its bin directory first on the PATH.";
    }

    private static int major(String specificationVersion) {
        if (specificationVersion == null) {
            return 0;
        }
        String major = specificationVersion.startsWith("1.") ? specificationVersion.substring(2) : specificationVersion;
        int dot = major.indexOf('.');
        try {
            return Integer.parseInt(dot < 0 ? major : major.substring(0, dot));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
