package dev.syspatterns.geo.places;

import dev.syspatterns.geo.GeoProperties;
import dev.syspatterns.geo.coordinates.LatLon;
import dev.syspatterns.web.problem.ProblemException;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
class PlacesController {

    private final Places places;
    private final PlaceSearch search;
    private final PlaceImport importer;
    private final GeoProperties.Places limits;

    PlacesController(Places places, PlaceSearch search, PlaceImport importer, GeoProperties properties) {
        this.places = places;
        this.search = search;
        this.importer = importer;
        this.limits = properties.places();
    }

    @PostMapping("/api/geo/places")
    ResponseEntity<PlaceView> create(@Valid @RequestBody NewPlace request) {
        Place place = places.save(request.checked("place").toPlace());
        return ResponseEntity.created(URI.create("/api/geo/places/" + place.id()))
                .body(new PlaceView(place.id(), place.name(), place.category(), place.lat(), place.lon(), null));
    }

    @GetMapping("/api/geo/places/{id}")
    PlaceView get(@PathVariable long id) {
        return places.findById(id)
                .map(p -> new PlaceView(p.id(), p.name(), p.category(), p.lat(), p.lon(), null))
                .orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "Place not found", "no place " + id));
    }

    @PostMapping(
            path = "/api/geo/places:bulk",
            consumes = {"application/geo+json", "application/json"})
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Integer> importGeoJson(@RequestBody JsonNode featureCollection) {
        return Map.of("imported", importer.insertAll(importer.fromGeoJson(featureCollection)));
    }

    @PostMapping(path = "/api/geo/places:bulk", consumes = "text/csv")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Integer> importCsv(@RequestBody String csv) {
        return Map.of("imported", importer.insertAll(importer.fromCsv(csv)));
    }

    @GetMapping("/api/geo/places/nearby")
    List<PlaceView> nearby(
            @RequestParam(required = false) Double lat,
            @RequestParam(required = false) Double lon,
            @RequestParam(required = false) Double radiusMeters,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String category) {
        LatLon origin = LatLon.of(lat, lon);
        return search.nearby(
                origin,
                limits.radius(radiusMeters),
                limits.limit(limit, limits.defaultLimit(), limits.maxLimit()),
                category);
    }

    @GetMapping("/api/geo/places/within")
    List<PlaceView> within(
            @RequestParam(required = false) String bbox,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String category) {
        return search.withinBox(
                BoundingBox.parse(bbox),
                limits.limit(limit, limits.maxWithinResults(), limits.maxWithinResults()),
                category);
    }

    @PostMapping("/api/geo/places/within-polygon")
    List<PlaceView> withinPolygon(
            @RequestBody JsonNode polygon,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String category) {
        return search.withinPolygon(
                GeoJsonPolygon.toWkt(polygon),
                limits.limit(limit, limits.maxWithinResults(), limits.maxWithinResults()),
                category);
    }

    @GetMapping("/api/geo/distance")
    Map<String, Object> distance(
            @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        LatLon a = LatLon.parse(from, "from");
        LatLon b = LatLon.parse(to, "to");
        return Map.of("from", a, "to", b, "meters", search.distanceMeters(a, b));
    }
}
