package dev.syspatterns.geo.places;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.PrecisionModel;

/** A searchable place; its location is a PostGIS geography point mapped by hibernate-spatial. */
@Entity
@Table(name = "places")
class Place {

    private static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String name;

    private String category;

    @Column(columnDefinition = "geography(Point,4326)")
    private Point location;

    protected Place() {}

    Place(String name, String category, double lat, double lon) {
        this.name = name;
        this.category = category;
        // JTS (like GeoJSON and PostGIS) orders coordinates x = longitude, y = latitude.
        this.location = WGS84.createPoint(new Coordinate(lon, lat));
    }

    Long id() {
        return id;
    }

    String name() {
        return name;
    }

    String category() {
        return category;
    }

    double lat() {
        return location.getY();
    }

    double lon() {
        return location.getX();
    }
}
