package dev.syspatterns.geo.places;

import dev.syspatterns.geo.coordinates.InvalidGeoInput;
import dev.syspatterns.geo.coordinates.LatLon;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A place to add, as posted on its own or read from one row of a bulk import. */
record NewPlace(
        @NotBlank @Size(max = 200) String name,
        @NotBlank @Size(max = 100) String category,
        @NotNull Double lat,
        @NotNull Double lon) {

    /** The same rules for a bulk row, which bean validation does not reach; {@code where} names the row. */
    NewPlace checked(String where) {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new InvalidGeoInput(where + ": name must be 1..200 characters");
        }
        if (category == null || category.isBlank() || category.length() > 100) {
            throw new InvalidGeoInput(where + ": category must be 1..100 characters");
        }
        LatLon.of(lat, lon, where + ".lat", where + ".lon");
        return this;
    }

    Place toPlace() {
        return new Place(name, category, lat, lon);
    }
}
