package io.apogee.distribution.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every document the code or the docs point at exists, in this repository: the project must stand alone.
 *
 * <ul>
 *   <li>Java sources cite documents by their path from the repository root, optionally with a heading anchor or
 *       a section number: {@code docs/protocol/05-consumer.md §9}, {@code docs/ARCHITECTURE.md#files}. The file
 *       must exist; an anchor must be a heading's GitHub slug; {@code §N} must be a heading numbered N.</li>
 *   <li>Markdown links ({@code [text](target)}, outside code spans and blocks) are relative to the file that
 *       holds them and must resolve the same way; web links are not checked.</li>
 *   <li>Old-style citations that cannot be followed are refused: bare {@code "05 §9"} or {@code 05-consumer.md}
 *       without their {@code docs/protocol/} path, and anything under {@code shared/}, outside the repository.</li>
 * </ul>
 */
class DocLinksTest {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final Pattern CITATION =
            Pattern.compile("(docs/[\\w./-]+\\.md)(?:#([\\w-]+))?(?: §(\\d+(?:\\.\\d+)*))?");
    private static final Pattern MARKDOWN_LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern BARE_CITATION =
            Pattern.compile("(?<![\\w/.-])(?:\\d\\d §\\d|\\d\\d-[a-z-]+\\.md)|shared/protocol|\\.\\./shared");
    private static final Pattern NUMBERED_HEADING = Pattern.compile("^#+\\s+(?:§\\s*)?(\\d+(?:\\.\\d+)*)\\.?(?:\\s|$)");

    private final Map<Path, Headings> headings = new HashMap<>();

    @Test
    void shouldResolveEveryDocumentCitedInTheCode() throws IOException {
        List<String> dangling = new ArrayList<>();
        for (Path source : files(".java")) {
            if (source.endsWith("DocLinksTest.java")) {
                continue; // its own examples of what is refused
            }
            String text = Files.readString(source);
            Matcher m = CITATION.matcher(text);
            while (m.find()) {
                check(source, ROOT.resolve(m.group(1)), m.group(2), m.group(3), m.group(), dangling);
            }
            Matcher bare = BARE_CITATION.matcher(text);
            while (bare.find()) {
                dangling.add(where(source, text, bare.start()) + ": '" + bare.group()
                        + "' is not a path in this repository; cite docs/protocol/<file>.md §N");
            }
        }
        assertThat(dangling).as("dangling document citations").isEmpty();
    }

    @Test
    void shouldResolveEveryRelativeLinkOfTheDocs() throws IOException {
        List<String> dangling = new ArrayList<>();
        for (Path doc : files(".md")) {
            String text = withoutCode(Files.readString(doc));
            Matcher m = MARKDOWN_LINK.matcher(text);
            while (m.find()) {
                String target = m.group(1);
                if (target.matches("^[a-z]+:.*")) {
                    continue;
                }
                int hash = target.indexOf('#');
                String file = hash < 0 ? target : target.substring(0, hash);
                String anchor = hash < 0 ? null : target.substring(hash + 1);
                Path resolved = file.isEmpty() ? doc : doc.getParent().resolve(file).normalize();
                check(doc, resolved, anchor, null, target, dangling);
            }
        }
        assertThat(dangling).as("dangling markdown links").isEmpty();
    }

    /** The markdown text with fenced blocks and inline code spans blanked: examples there are not links. */
    private static String withoutCode(String markdown) {
        return markdown.replaceAll("(?s)```.*?```", "").replaceAll("`[^`\n]*`", "");
    }

    private void check(Path from, Path target, String anchor, String section, String citation, List<String> out) {
        String at = ROOT.relativize(from) + ": '" + citation + "'";
        if (!target.startsWith(ROOT) || !Files.exists(target)) {
            out.add(at + " points at a file that does not exist");
            return;
        }
        if (!target.toString().endsWith(".md") || (anchor == null && section == null)) {
            return;
        }
        Headings h = headings.computeIfAbsent(target, DocLinksTest::readHeadings);
        if (anchor != null && !h.slugs.contains(anchor)) {
            out.add(at + ": no heading with anchor #" + anchor + " in " + ROOT.relativize(target));
        }
        if (section != null && !h.numbers.contains(section)) {
            out.add(at + ": no heading numbered " + section + " in " + ROOT.relativize(target));
        }
    }

    private static String where(Path file, String text, int at) {
        int line = 1;
        for (int i = 0; i < at; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return ROOT.relativize(file) + ":" + line;
    }

    /** The slugs and section numbers of a markdown file's headings. */
    private record Headings(Set<String> slugs, Set<String> numbers) {
    }

    private static Headings readHeadings(Path md) {
        Set<String> slugs = new HashSet<>();
        Set<String> numbers = new HashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        try {
            boolean inFence = false;
            for (String line : Files.readAllLines(md)) {
                if (line.startsWith("```")) {
                    inFence = !inFence;
                }
                if (inFence || !line.startsWith("#")) {
                    continue;
                }
                String slug = slug(line.replaceFirst("^#+\\s*", ""));
                int n = seen.merge(slug, 1, Integer::sum);
                slugs.add(n == 1 ? slug : slug + "-" + (n - 1));
                Matcher number = NUMBERED_HEADING.matcher(line);
                if (number.find()) {
                    numbers.add(number.group(1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Headings(slugs, numbers);
    }

    /** GitHub's heading anchor: lower case, punctuation other than '-' and '_' dropped, spaces to '-'. */
    static String slug(String heading) {
        return heading.trim().toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N} _-]", "")
                .replace(' ', '-');
    }

    private static List<Path> files(String suffix) throws IOException {
        try (Stream<Path> walk = Files.walk(ROOT)) {
            return walk.filter(p -> p.toString().endsWith(suffix))
                    .filter(p -> !ROOT.relativize(p).toString().matches("(.*/)?(target|\\.git|node_modules)/.*"))
                    .toList();
        }
    }
}
