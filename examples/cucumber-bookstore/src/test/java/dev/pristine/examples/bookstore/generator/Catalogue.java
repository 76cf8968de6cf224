package dev.pristine.examples.bookstore.generator;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The seed catalogue (artists, albums, track prices), read from the seed migration, so expected totals are exact. */
record Catalogue(Map<Integer, String> artists, Map<Integer, Integer> albumArtist, Map<Integer, BigDecimal> prices,
        Map<Integer, Integer> tracksPerAlbum) {

    private static final Pattern INSERT = Pattern.compile("INSERT INTO (\\w+) ");
    private static final Pattern ROW = Pattern.compile("^\\s*\\((.*)\\)[,;]\\s*$");

    static Catalogue read(Path seedSql) throws IOException {
        Map<Integer, String> artists = new LinkedHashMap<>();
        Map<Integer, Integer> albumArtist = new LinkedHashMap<>();
        Map<Integer, BigDecimal> prices = new LinkedHashMap<>();
        Map<Integer, Integer> tracksPerAlbum = new LinkedHashMap<>();
        String table = "";
        for (String line : Files.readAllLines(seedSql)) {
            Matcher insert = INSERT.matcher(line);
            if (insert.find()) {
                table = insert.group(1);
                continue;
            }
            Matcher row = ROW.matcher(line);
            if (!row.matches()) {
                continue;
            }
            List<String> f = fields(row.group(1));
            switch (table) {
                case "artist" -> artists.put(Integer.parseInt(f.get(0)), f.get(1));
                case "album" -> albumArtist.put(Integer.parseInt(f.get(0)), Integer.parseInt(f.get(2)));
                case "track" -> {
                    prices.put(Integer.parseInt(f.get(0)), new BigDecimal(f.get(6)));
                    tracksPerAlbum.merge(Integer.parseInt(f.get(2)), 1, Integer::sum);
                }
                default -> { }
            }
        }
        if (prices.isEmpty() || albumArtist.isEmpty()) {
            throw new IllegalStateException("no tracks or albums found in " + seedSql);
        }
        return new Catalogue(artists, albumArtist, prices, tracksPerAlbum);
    }

    /** Splits {@code 1, 'It''s, here', 3} into its values, unquoting strings. */
    private static List<String> fields(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (quoted) {
                if (ch == '\'' && i + 1 < s.length() && s.charAt(i + 1) == '\'') {
                    cur.append('\'');
                    i++;
                } else if (ch == '\'') {
                    quoted = false;
                } else {
                    cur.append(ch);
                }
            } else if (ch == '\'') {
                quoted = true;
            } else if (ch == ',') {
                out.add(cur.toString().trim());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        out.add(cur.toString().trim());
        return out;
    }
}
