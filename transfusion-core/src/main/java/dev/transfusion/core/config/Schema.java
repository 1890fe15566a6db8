package dev.transfusion.core.config;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The config schema, read from the config records themselves: a section is a record, its YAML keys are the record
 * components in snake_case, and its defaults come from the record's static {@code defaults()} method.
 */
final class Schema {
    private static final Map<Class<?>, Map<String, RecordComponent>> KEYS = new ConcurrentHashMap<>();

    private Schema() {
    }

    /** True when {@code type} is a config section (a record of this package). */
    static boolean isSection(Class<?> type) {
        return type.isRecord() && type.getPackage() == Schema.class.getPackage();
    }

    /** The YAML keys of a section, in declaration order, mapped to their record components. */
    static Map<String, RecordComponent> keys(Class<?> section) {
        return KEYS.computeIfAbsent(section, c -> {
            Map<String, RecordComponent> m = new LinkedHashMap<>();
            for (RecordComponent rc : c.getRecordComponents()) {
                m.put(snake(rc.getName()), rc);
            }
            return m;
        });
    }

    /** The value of {@code key} in a section instance. */
    static Object get(Object section, String key) {
        RecordComponent rc = keys(section.getClass()).get(key);
        try {
            return rc.getAccessor().invoke(section);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + section.getClass().getSimpleName() + "." + key, e);
        }
    }

    /** The section's defaults, from its static {@code defaults()} method. */
    static Object defaults(Class<?> section) {
        try {
            return section.getMethod("defaults").invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(section.getSimpleName() + " has no usable static defaults()", e);
        }
    }

    /**
     * Calls the section's canonical constructor; an {@link InvalidValueException} from its checks is rethrown as
     * is, so the caller can attach the key's path and line.
     */
    static Object construct(Class<?> section, List<Object> args) {
        List<Class<?>> types = new ArrayList<>();
        for (RecordComponent rc : section.getRecordComponents()) {
            types.add(rc.getType());
        }
        try {
            Constructor<?> c = section.getDeclaredConstructor(types.toArray(new Class<?>[0]));
            return c.newInstance(args.toArray());
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct " + section.getSimpleName(), e);
        }
    }

    /** {@code maxNonfinite} → {@code max_nonfinite}. */
    static String snake(String camel) {
        StringBuilder b = new StringBuilder();
        for (char ch : camel.toCharArray()) {
            if (Character.isUpperCase(ch)) {
                b.append('_').append(Character.toLowerCase(ch));
            } else {
                b.append(ch);
            }
        }
        return b.toString();
    }
}
