package io.turnpike.proxy.guardrails;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The candidate scan for case-insensitive patterns that begin {@code \b(?:word|word …)}: one pass over the text, a
 * trie walk per word, no allocation per word. A candidate is an ASCII letter not preceded by an ASCII letter, digit
 * or {@code _} (there {@code \b} cannot hold), whose whole run of ASCII letters is one of the words, compared ASCII
 * case folded — exactly how {@code (?i)} without {@code UNICODE_CASE} compares. The pattern must need a non-letter
 * after its first word (a space or {@code \b}), so the run cannot be longer than the word.
 */
final class AnchorWords {
    /** Receives each candidate, in text order, with the tags of its word. */
    interface Visitor {
        void start(int index, int tags);
    }

    private final int[][] children;
    private final int[] tags;

    /** Words to tags (a bit set the visitor gets back, e.g. which rules a word starts); words are ASCII letters. */
    AnchorWords(Map<String, Integer> wordTags) {
        List<int[]> nodes = new ArrayList<>();
        List<Integer> nodeTags = new ArrayList<>();
        nodes.add(new int[26]);
        nodeTags.add(0);
        wordTags.forEach((word, wordTag) -> {
            int node = 0;
            for (int i = 0; i < word.length(); i++) {
                int letter = fold(word.charAt(i)) - 'a';
                if (letter < 0 || letter >= 26) {
                    throw new IllegalArgumentException("anchor word \"" + word + "\" must be ASCII letters");
                }
                if (nodes.get(node)[letter] == 0) {
                    nodes.get(node)[letter] = nodes.size();
                    nodes.add(new int[26]);
                    nodeTags.add(0);
                }
                node = nodes.get(node)[letter];
            }
            nodeTags.set(node, nodeTags.get(node) | wordTag);
        });
        this.children = nodes.toArray(new int[0][]);
        this.tags = nodeTags.stream().mapToInt(Integer::intValue).toArray();
    }

    /** All words with tag 1. */
    AnchorWords(List<String> words) {
        this(words.stream().collect(Collectors.toMap(word -> word, word -> 1)));
    }

    void forEachStart(CharSequence text, Visitor visitor) {
        int length = text.length();
        int i = 0;
        while (i < length) {
            char c = text.charAt(i);
            if (!isAsciiLetter(c)) {
                i++;
                continue;
            }
            int start = i;
            boolean boundary = start == 0 || !isAsciiWordChar(text.charAt(start - 1));
            int node = 0;
            while (i < length && isAsciiLetter(text.charAt(i))) {
                if (node >= 0) {
                    int child = children[node][fold(text.charAt(i)) - 'a'];
                    node = child == 0 ? -1 : child;
                }
                i++;
            }
            if (boundary && node > 0 && tags[node] != 0) {
                visitor.start(start, tags[node]);
            }
        }
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isAsciiWordChar(char c) {
        return isAsciiLetter(c) || (c >= '0' && c <= '9') || c == '_';
    }

    private static char fold(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }
}
