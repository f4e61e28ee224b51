package dev.delegatedadmin.domain.department;

import dev.delegatedadmin.domain.shared.InvalidValueException;
import java.util.regex.Pattern;

/** A named unit such as {@code Finance}. Names are case-sensitive, as in {@code app_metadata.department}. */
public record Department(String name) implements Comparable<Department> {

    private static final Pattern NAME = Pattern.compile("^[\\p{L}\\p{N}][\\p{L}\\p{N} _&.\\-]{0,63}$");

    public Department {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidValueException("department",
                    "A department name is 1 to 64 letters, digits, spaces or _&.- and starts with a letter or digit.");
        }
    }

    @Override
    public int compareTo(Department other) {
        return name.compareTo(other.name);
    }

    @Override
    public String toString() {
        return name;
    }
}
