package io.waymark.user;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.CONSTRUCTOR;
import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.nio.charset.StandardCharsets;

/**
 * A new password: at least 12 characters, and at most 72 bytes in UTF-8 because bcrypt reads no
 * more (Spring Security's encoder refuses a longer one rather than silently ignoring the rest).
 * {@code null} is valid; say {@code @NotNull} where a password is required.
 */
@Target({METHOD, FIELD, ANNOTATION_TYPE, CONSTRUCTOR, PARAMETER, TYPE_USE})
@Retention(RUNTIME)
@Constraint(validatedBy = Password.Rule.class)
@interface Password {

    int MIN_CHARACTERS = 12;
    int MAX_BYTES = 72;

    String message() default
            "must be at least 12 characters and at most 72 bytes in UTF-8 "
                    + "(72 ASCII characters, fewer with accents or other scripts)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Rule implements ConstraintValidator<Password, String> {

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null
                    || (value.codePointCount(0, value.length()) >= MIN_CHARACTERS
                            && fitsTheHash(value));
        }

        /** Whether bcrypt can hash (and so ever match) this password. */
        static boolean fitsTheHash(String password) {
            return password.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES;
        }
    }
}
