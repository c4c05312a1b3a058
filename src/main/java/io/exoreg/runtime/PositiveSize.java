package io.exoreg.runtime;

import io.quarkus.runtime.configuration.MemorySize;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A size setting of at least one byte; Bean Validation's own constraints take numbers only. */
@Target({ElementType.METHOD, ElementType.FIELD, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = PositiveSize.Validator.class)
public @interface PositiveSize {
  String message() default "must be a size of at least 1 byte, such as 512K, 32M or 1G";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  class Validator implements ConstraintValidator<PositiveSize, MemorySize> {
    @Override
    public boolean isValid(MemorySize size, ConstraintValidatorContext context) {
      return size == null || size.asLongValue() > 0;
    }
  }
}
