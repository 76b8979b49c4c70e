package io.apogee.common.config;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders the reference of config keys from their {@link ConfigKey} annotations, as Markdown: one table per
 * config object, one row per key with its type (an enum lists its constants), default, legal values, meaning,
 * whether Apogee acts on it, and its aliases. The default is the value the given object holds, so callers pass
 * freshly constructed config objects; a default under the user's home directory is written {@code ~/...}, so the
 * text is the same on every machine. Lines end with {@code \n} on every platform.
 *
 * <p>Launchers use it for {@code -p --describe} and to generate {@code docs/CONFIG.md}.
 *
 * <p>Stateless, so safe to use from any thread (the config objects must not change while they are rendered).
 */
public final class ConfigReference {

    private static final String NL = "\n";
    private static final String HEADER = "| Key | Type | Default | Legal values | Meaning | Implemented | Aliases |";
    private static final String RULE = "|---|---|---|---|---|---|---|";

    private ConfigReference() {
    }

    /**
     * A section: a level-2 heading, an introduction paragraph (omitted when blank), then for each config object a
     * level-3 heading naming its class and the table of its keys.
     */
    public static String section(String title, String intro, Object... configs) {
        StringBuilder out = new StringBuilder("## ").append(title).append(NL).append(NL);
        if (!intro.isBlank()) {
            out.append(intro.strip()).append(NL).append(NL);
        }
        for (Object config : configs) {
            out.append("### ").append(config.getClass().getSimpleName()).append(NL).append(NL);
            out.append(table(config)).append(NL);
        }
        return out.toString();
    }

    /** The table of every key of the given config objects, in declaration order. */
    public static String table(Object... configs) {
        KeyIndex index = new KeyIndex(configs);
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        lines.add(RULE);
        for (String name : index.names()) {
            lines.add(row(index.fields(name).get(0)));
        }
        return String.join(NL, lines) + NL;
    }

    private static String row(ConfigField field) {
        ConfigKey spec = field.spec();
        List<String> cells = List.of(code(field.name()), type(field.type()), defaultValue(field),
                legalValues(field), cell(spec.doc()), spec.implemented() ? "yes" : "accepted, not used yet",
                aliases(spec));
        return "| " + String.join(" | ", cells) + " |";
    }

    /** "int", "long", "double", "boolean", "string" or "enum: A, B". */
    static String type(Class<?> type) {
        if (type.isEnum()) {
            return "enum: " + ValueParser.enumConstants(type);
        }
        return type == String.class ? "string" : type.getName();
    }

    private static String defaultValue(ConfigField field) {
        String value = field.currentValue();
        if (value.isEmpty()) {
            return "*(empty)*";
        }
        String home = System.getProperty("user.home");
        if (home != null && !home.isEmpty() && value.startsWith(home)) {
            value = "~" + value.substring(home.length());
        }
        return code(value);
    }

    /** The range of a number, "true or false", "any case" for enums, "any" for unbounded numbers and text. */
    static String legalValues(ConfigField field) {
        Class<?> type = field.type();
        if (type == boolean.class) {
            return "true or false";
        }
        if (type.isEnum()) {
            return "one of the constants, any case";
        }
        if (type == String.class) {
            return "text";
        }
        String range = field.range().text();
        return range.isEmpty() ? "any" : range;
    }

    private static String aliases(ConfigKey spec) {
        return List.of(spec.aliases()).stream().map(ConfigReference::code).collect(Collectors.joining(", "));
    }

    private static String code(String text) {
        return "`" + text.replace("|", "\\|") + "`";
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("<", "\\<").replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
