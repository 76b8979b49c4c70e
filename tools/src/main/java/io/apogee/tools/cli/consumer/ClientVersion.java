package io.apogee.tools.cli.consumer;

/**
 * The clients' version text for a version ordinal, as mqadmin prints it: the two client releases Apogee is
 * checked against by name ({@code V4_9_8} = 409, {@code V5_4_0} = 493), any other ordinal as {@code #n}.
 *
 * <p>Stateless, hence thread-safe.
 */
public final class ClientVersion {

    private ClientVersion() {
    }

    public static String desc(int version) {
        return switch (version) {
            case 409 -> "V4_9_8";
            case 493 -> "V5_4_0";
            default -> "#" + version;
        };
    }

    /** {@code PULL} for CONSUME_ACTIVELY, {@code PUSH} for CONSUME_PASSIVELY, else the name or empty. */
    public static String consumeType(String type) {
        if (type == null) {
            return "";
        }
        return switch (type) {
            case "CONSUME_ACTIVELY" -> "PULL";
            case "CONSUME_PASSIVELY" -> "PUSH";
            default -> type;
        };
    }
}
