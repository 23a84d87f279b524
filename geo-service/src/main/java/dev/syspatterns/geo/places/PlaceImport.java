package dev.syspatterns.geo.places;

import dev.syspatterns.geo.GeoProperties;
import dev.syspatterns.geo.batching.UnnestInsert;
import dev.syspatterns.geo.coordinates.InvalidGeoInput;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * Bulk import: everything is parsed and checked first, then written by one multi-row statement
 * ({@link UnnestInsert}), so a bad row leaves nothing half-imported and 10,000 rows take one round trip.
 */
@Component
class PlaceImport {

    private static final String INSERT = "INSERT INTO places (name, category, location)"
            + " SELECT n, c, ST_SetSRID(ST_MakePoint(lo, la), 4326)::geography"
            + " FROM unnest(?::text[], ?::text[], ?::float8[], ?::float8[]) AS t(n, c, la, lo)";

    private static final CsvMapper CSV = new CsvMapper();
    private static final int ERRORS_SHOWN = 20;

    private final JdbcTemplate jdbc;
    private final GeoProperties.Places limits;

    PlaceImport(JdbcTemplate jdbc, GeoProperties properties) {
        this.jdbc = jdbc;
        this.limits = properties.places();
    }

    /** A GeoJSON FeatureCollection of Point features with {@code name} and {@code category} properties. */
    List<NewPlace> fromGeoJson(JsonNode collection) {
        if (collection == null
                || !"FeatureCollection".equals(collection.path("type").asString(""))) {
            throw new InvalidGeoInput("body must be a GeoJSON FeatureCollection");
        }
        JsonNode features = collection.get("features");
        if (features == null || !features.isArray()) {
            throw new InvalidGeoInput("features must be an array");
        }
        requireSize(features.size());
        Rows rows = new Rows();
        for (int i = 0; i < features.size(); i++) {
            String where = "features[" + i + "]";
            JsonNode feature = features.get(i);
            rows.add(() -> {
                JsonNode geometry = feature.path("geometry");
                if (!"Point".equals(geometry.path("type").asString(""))) {
                    throw new InvalidGeoInput(where + ".geometry must be a Point");
                }
                var point = GeoJsonPolygon.position(geometry.get("coordinates"), where + ".geometry.coordinates");
                JsonNode properties = feature.path("properties");
                return new NewPlace(
                                text(properties.get("name")),
                                text(properties.get("category")),
                                point.lat(),
                                point.lon())
                        .checked(where);
            });
        }
        return rows.orThrow();
    }

    /** CSV with a header row naming {@code name,category,lat,lon} (any order, quoted fields allowed). */
    List<NewPlace> fromCsv(String csv) {
        List<CsvRow> parsed;
        try (MappingIterator<CsvRow> it = CSV.readerFor(CsvRow.class)
                .with(CsvSchema.emptySchema().withHeader())
                .readValues(csv)) {
            parsed = it.readAll();
        } catch (RuntimeException e) {
            throw new InvalidGeoInput("CSV could not be read: "
                    + e.getMessage().lines().findFirst().orElse("malformed"));
        }
        requireSize(parsed.size());
        Rows rows = new Rows();
        for (int i = 0; i < parsed.size(); i++) {
            String where = "row " + (i + 2);
            CsvRow row = parsed.get(i);
            rows.add(() -> new NewPlace(
                            row.name(),
                            row.category(),
                            number(row.lat(), where + ".lat"),
                            number(row.lon(), where + ".lon"))
                    .checked(where));
        }
        return rows.orThrow();
    }

    @Transactional
    int insertAll(List<NewPlace> places) {
        int n = places.size();
        String[] names = new String[n];
        String[] categories = new String[n];
        Double[] lats = new Double[n];
        Double[] lons = new Double[n];
        for (int i = 0; i < n; i++) {
            NewPlace p = places.get(i);
            names[i] = p.name();
            categories[i] = p.category();
            lats[i] = p.lat();
            lons[i] = p.lon();
        }
        int inserted = UnnestInsert.execute(
                jdbc,
                INSERT,
                new UnnestInsert.Column("text", names),
                new UnnestInsert.Column("text", categories),
                new UnnestInsert.Column("float8", lats),
                new UnnestInsert.Column("float8", lons));
        // A big load changes the table's statistics; refresh them so the planner keeps choosing the index.
        if (n >= 1_000) {
            jdbc.execute("ANALYZE places");
        }
        return inserted;
    }

    private void requireSize(int size) {
        if (size == 0) {
            throw new InvalidGeoInput("the import holds no places");
        }
        if (size > limits.maxBulkSize()) {
            throw new InvalidGeoInput(
                    "the import holds " + size + " places; at most " + limits.maxBulkSize() + " are accepted at once");
        }
    }

    private static String text(JsonNode node) {
        return node == null || !node.isString() ? null : node.asString();
    }

    private static Double number(String text, String where) {
        if (text == null || text.isBlank()) {
            throw new InvalidGeoInput(where + " is required");
        }
        try {
            return Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw new InvalidGeoInput(where + " must be a number but was '" + text + "'");
        }
    }

    /** One CSV line; strings first, so a bad number is reported with its row rather than as a parse error. */
    record CsvRow(String name, String category, String lat, String lon) {}

    /** Collects the rows that check out and the first problems of those that do not. */
    private static final class Rows {
        private final List<NewPlace> valid = new ArrayList<>();
        private final List<String> errors = new ArrayList<>();
        private int failed;

        void add(Supplier<NewPlace> row) {
            try {
                valid.add(row.get());
            } catch (InvalidGeoInput e) {
                failed++;
                if (errors.size() < ERRORS_SHOWN) {
                    errors.add(e.getMessage());
                }
            }
        }

        List<NewPlace> orThrow() {
            if (failed > 0) {
                throw new InvalidGeoInput(
                        failed + " of " + (failed + valid.size()) + " places are invalid, nothing was imported; first: "
                                + errors.getFirst(),
                        errors);
            }
            return valid;
        }
    }
}
