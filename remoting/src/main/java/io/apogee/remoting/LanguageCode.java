package io.apogee.remoting;

/** The sender's language, carried by name in JSON headers and by number in binary headers. */
public enum LanguageCode {
    JAVA(0), CPP(1), DOTNET(2), PYTHON(3), DELPHI(4), ERLANG(5), RUBY(6), OTHER(7), HTTP(8), GO(9), PHP(10),
    OMS(11), RUST(12), NODE_JS(13);

    private static final LanguageCode[] BY_CODE = values();

    private final byte code;

    LanguageCode(int code) {
        this.code = (byte) code;
    }

    public byte code() {
        return code;
    }

    /** The language with the given number, {@link #OTHER} when unknown. */
    public static LanguageCode of(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : OTHER;
    }

    /** The language with the given name or number, {@link #OTHER} when unknown or null. */
    public static LanguageCode parse(String text) {
        if (text == null) {
            return JAVA;
        }
        for (LanguageCode language : BY_CODE) {
            if (language.name().equals(text)) {
                return language;
            }
        }
        try {
            return of(Integer.parseInt(text));
        } catch (NumberFormatException e) {
            return OTHER;
        }
    }
}
