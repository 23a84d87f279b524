package dev.syspatterns.geo.places;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A place in a search result; {@code distanceMeters} (on the sphere) only where a search has an origin. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record PlaceView(long id, String name, String category, double lat, double lon, Double distanceMeters) {}
