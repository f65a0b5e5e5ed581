package io.waymark.store;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Registers a bean only when {@code DATABASE_URL} selects a store of the given family. */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Conditional(ConditionalOnStore.OnStoreCondition.class)
public @interface ConditionalOnStore {

    StoreFamily value();

    class OnStoreCondition implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            Map<String, Object> attributes =
                    metadata.getAnnotationAttributes(ConditionalOnStore.class.getName());
            StoreFamily wanted = (StoreFamily) attributes.get("value");
            // Parsing here (not later) makes a bad DATABASE_URL fail start-up before any other bean
            // is built.
            return DatabaseUrl.parse(context.getEnvironment().getProperty("database.url")).family()
                    == wanted;
        }
    }
}
