package dev.syspatterns.deployment.edge;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An nginx configuration read into its directives and blocks: enough of nginx's grammar (words, quoted strings,
 * {@code ;}, {@code { }}, comments) to check what a file tells nginx to do, not a validator.
 */
record NginxConfig(String name, List<String> args, List<NginxConfig> children) {

    static NginxConfig parse(String text) {
        Parser parser = new Parser(text);
        List<NginxConfig> top = parser.block(false);
        return new NginxConfig("", List.of(), top);
    }

    /** Directives with this name, anywhere below. */
    List<NginxConfig> all(String directive) {
        List<NginxConfig> found = new ArrayList<>();
        for (NginxConfig child : children) {
            if (child.name.equals(directive)) {
                found.add(child);
            }
            found.addAll(child.all(directive));
        }
        return found;
    }

    /** Directives with this name directly in this block. */
    List<NginxConfig> here(String directive) {
        return children.stream().filter(c -> c.name.equals(directive)).toList();
    }

    Optional<NginxConfig> first(String directive) {
        return here(directive).stream().findFirst();
    }

    String arg(int index) {
        return index < args.size() ? args.get(index) : "";
    }

    private static final class Parser {

        private final String text;
        private int pos;

        Parser(String text) {
            this.text = text;
        }

        List<NginxConfig> block(boolean nested) {
            List<NginxConfig> directives = new ArrayList<>();
            List<String> words = new ArrayList<>();
            while (true) {
                String token = next();
                if (token == null) {
                    if (nested || !words.isEmpty()) {
                        throw new IllegalStateException("unexpected end of the configuration");
                    }
                    return directives;
                }
                switch (token) {
                    case ";" -> {
                        directives.add(directive(words, List.of()));
                        words = new ArrayList<>();
                    }
                    case "{" -> {
                        directives.add(directive(words, block(true)));
                        words = new ArrayList<>();
                    }
                    case "}" -> {
                        if (!nested || !words.isEmpty()) {
                            throw new IllegalStateException("unexpected } at offset " + pos);
                        }
                        return directives;
                    }
                    default -> words.add(token);
                }
            }
        }

        private static NginxConfig directive(List<String> words, List<NginxConfig> children) {
            if (words.isEmpty()) {
                throw new IllegalStateException("a ; or block without a directive name");
            }
            return new NginxConfig(words.getFirst(), List.copyOf(words.subList(1, words.size())), children);
        }

        /** The next word, quoted string (unquoted), or one of {@code ; { }}; null at the end. */
        private String next() {
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (Character.isWhitespace(c)) {
                    pos++;
                } else if (c == '#') {
                    while (pos < text.length() && text.charAt(pos) != '\n') {
                        pos++;
                    }
                } else {
                    break;
                }
            }
            if (pos >= text.length()) {
                return null;
            }
            char c = text.charAt(pos);
            if (c == ';' || c == '{' || c == '}') {
                pos++;
                return String.valueOf(c);
            }
            StringBuilder token = new StringBuilder();
            if (c == '"' || c == '\'') {
                pos++;
                while (pos < text.length() && text.charAt(pos) != c) {
                    if (text.charAt(pos) == '\\' && pos + 1 < text.length()) {
                        pos++;
                    }
                    token.append(text.charAt(pos++));
                }
                pos++;
                return token.toString();
            }
            while (pos < text.length()) {
                char d = text.charAt(pos);
                if (Character.isWhitespace(d) || d == ';' || d == '{' || d == '}') {
                    break;
                }
                token.append(d);
                pos++;
            }
            return token.toString();
        }
    }
}
