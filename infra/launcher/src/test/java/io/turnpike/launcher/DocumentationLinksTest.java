package io.turnpike.launcher;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the README and docs/ followable: every relative link and every {@code `docs/x.md#anchor`} reference in a
 * markdown file names a file that exists and, with an anchor, a heading that file has. Many hands edit the docs at
 * once; a renamed heading otherwise breaks references in files its author never opened.
 */
class DocumentationLinksTest {
    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    private static final Set<String> SKIPPED_DIRECTORIES = Set.of("target", "node_modules");
    /** {@code [text](target)}: the target up to the closing parenthesis, without spaces. */
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    /** {@code `some/file.md`} or {@code `some/file.md#anchor`} in code spans, as api.md and module READMEs write them. */
    private static final Pattern CODE_REFERENCE = Pattern.compile("`([A-Za-z0-9_./-]+\\.md(?:#[a-z0-9-]+)?)`");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");

    @Test
    void everyLinkAndDocumentReferenceResolvesToAFileAndHeading() throws IOException {
        List<Path> documents = markdownFiles();
        assertThat(documents).as("markdown files under " + ROOT).contains(ROOT.resolve("README.md"),
                ROOT.resolve("docs/configuration.md"));

        List<String> broken = new ArrayList<>();
        for (Path document : documents) {
            List<String> lines = Files.readAllLines(document);
            boolean inFence = false;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.startsWith("```")) {
                    inFence = !inFence;
                    continue;
                }
                if (inFence) {
                    continue;
                }
                String where = ROOT.relativize(document) + ":" + (i + 1) + ": ";
                Matcher link = LINK.matcher(line);
                while (link.find()) {
                    String target = link.group(1);
                    if (!target.matches("^[a-z]+:.*")) {
                        check(target, List.of(document.getParent()), document).ifPresent(e -> broken.add(where + e));
                    }
                }
                Matcher reference = CODE_REFERENCE.matcher(line);
                while (reference.find()) {
                    check(reference.group(1), List.of(ROOT, document.getParent()), document)
                            .ifPresent(e -> broken.add(where + e));
                }
            }
        }
        assertThat(broken).as("broken links and references in the markdown files").isEmpty();
    }

    @Test
    void headingsBecomeGitHubAnchors() {
        assertThat(anchor("Guardrails (objects and attachment)")).isEqualTo("guardrails-objects-and-attachment");
        assertThat(anchor("Guardrail checks in isolation (`GuardrailBench`)"))
                .isEqualTo("guardrail-checks-in-isolation-guardrailbench");
        assertThat(anchor("Proxy (default `http://127.0.0.1:8080`)")).isEqualTo("proxy-default-http1270018080");
    }

    /** A description of what is wrong with {@code target}, or empty when it resolves from one of {@code bases}. */
    private static Optional<String> check(String target, List<Path> bases, Path document) {
        int hash = target.indexOf('#');
        String file = hash < 0 ? target : target.substring(0, hash);
        String fragment = hash < 0 ? null : target.substring(hash + 1);
        Path resolved = null;
        if (file.isEmpty()) {
            resolved = document;
        } else {
            for (Path base : bases) {
                Path candidate = base.resolve(file).normalize();
                if (Files.exists(candidate)) {
                    resolved = candidate;
                    break;
                }
            }
        }
        if (resolved == null) {
            return Optional.of(target + ": no such file");
        }
        if (fragment != null && !anchors(resolved).contains(fragment)) {
            return Optional.of(target + ": no heading with that anchor in " + ROOT.relativize(resolved));
        }
        return Optional.empty();
    }

    /** The anchors GitHub gives a file's headings (fenced code skipped; a repeated heading gets -1, -2, …). */
    private static Set<String> anchors(Path markdown) {
        if (!markdown.toString().endsWith(".md")) {
            return Set.of();
        }
        Set<String> anchors = new HashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean inFence = false;
        try {
            for (String line : Files.readAllLines(markdown)) {
                if (line.startsWith("```")) {
                    inFence = !inFence;
                }
                Matcher heading = HEADING.matcher(line);
                if (!inFence && heading.matches()) {
                    String anchor = anchor(heading.group(1));
                    int repeats = seen.merge(anchor, 1, Integer::sum) - 1;
                    anchors.add(repeats == 0 ? anchor : anchor + "-" + repeats);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return anchors;
    }

    /** GitHub's rule: link text only, lower case, punctuation dropped, spaces to hyphens. */
    private static String anchor(String heading) {
        String text = heading.replaceAll("\\[([^]]*)]\\([^)]*\\)", "$1").replace("`", "");
        return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }

    /** Every markdown file of the repository, outside build output, installed packages and hidden directories. */
    private static List<Path> markdownFiles() throws IOException {
        List<Path> found = new ArrayList<>();
        Files.walkFileTree(ROOT, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) {
                String name = directory.getFileName().toString();
                boolean skipped = !directory.equals(ROOT) && (name.startsWith(".") || SKIPPED_DIRECTORIES.contains(name));
                return skipped ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (file.getFileName().toString().endsWith(".md")) {
                    found.add(file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        found.sort(null);
        return found;
    }
}
